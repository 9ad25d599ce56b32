package org.sensorrecovery.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SubscriptionsTest {

    private final Subscriptions subscriptions = new Subscriptions();
    private final List<String> seen = new ArrayList<>();
    private final List<MqttTransport.Ack> held = new ArrayList<>();
    private final AtomicInteger acks = new AtomicInteger();

    /** A handler that records what it got and holds the acknowledgement, as ingest does until journaled. */
    private Subscriptions.Filters handler(String filter) {
        return subscriptions.put(filter, 1, (topic, payload, ack) -> {
            seen.add(filter + " " + topic);
            held.add(ack);
        });
    }

    @Test
    void eachFilterKeepsOneIdentifierFromOneUpAndReplacingItsHandlerKeepsIt() {
        assertArrayEquals(new int[] {1}, handler("a/m").ids());
        assertArrayEquals(new int[] {2}, handler("a/#").ids());
        assertArrayEquals(new int[] {1}, handler("a/m").ids());
        assertEquals(2, subscriptions.all().filters().length);
    }

    @Test
    void withoutIdentifiersAMessageReachesEveryMatchingFilterAndIsAcknowledgedOnceWhenAllHave() {
        handler("a/m");
        handler("a/#");
        handler("b/+/m");
        subscriptions.dispatch("a/m", new byte[0], acks::incrementAndGet, List.of());
        assertEquals(List.of("a/m a/m", "a/# a/m"), seen);
        held.get(0).ack();
        assertEquals(0, acks.get(), "one handler still holds it");
        held.get(1).ack();
        assertEquals(1, acks.get());
    }

    @Test
    void withAnIdentifierACopyReachesOnlyItsOwnSubscription() {
        int exact = handler("a/m").ids()[0];
        int wild = handler("a/#").ids()[0];
        subscriptions.dispatch("a/m", new byte[0], acks::incrementAndGet, List.of(wild));
        subscriptions.dispatch("a/m", new byte[0], acks::incrementAndGet, List.of(exact));
        assertEquals(List.of("a/# a/m", "a/m a/m"), seen);
        held.forEach(MqttTransport.Ack::ack);
        assertEquals(2, acks.get(), "each copy is its own message");
    }

    @Test
    void aMessageForNoHandlerOrAnUnknownIdentifierIsAcknowledgedAtOnce() {
        handler("a/m");
        subscriptions.dispatch("c/m", new byte[0], acks::incrementAndGet, List.of());
        subscriptions.dispatch("a/m", new byte[0], acks::incrementAndGet, List.of(99));
        assertEquals(List.of(), seen);
        assertEquals(2, acks.get());
    }

    @Test
    void aHandlerThatThrowsStillLetsTheMessageBeAcknowledged() {
        subscriptions.put("a/m", 1, (topic, payload, ack) -> {
            throw new IllegalStateException("broken handler");
        });
        subscriptions.dispatch("a/m", new byte[0], acks::incrementAndGet, List.of());
        assertEquals(1, acks.get());
    }
}
