package org.sensorrecovery.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sensorrecovery.mqtt.MqttSettings;
import org.sensorrecovery.mqtt.MqttTransport;
import org.sensorrecovery.mqtt.PahoTransport;

class EmbeddedBrokerIT {

    private static MqttTransport client(EmbeddedBroker b, String id) {
        MqttTransport t = new PahoTransport(MqttSettings.plain(b.url(), id).withCleanSession(true));
        assertTrue(t.connect(10_000), "connect " + id);
        return t;
    }

    /**
     * The subscription listener hears of a subscription once it is in place: a message published
     * (not retained) as it is told reaches the subscriber, for every one of 500 subscriptions.
     */
    @Test
    void whatIsPublishedWhenTheListenerHearsOfASubscriptionReachesTheSubscriber() throws Exception {
        int n = 500;
        try (EmbeddedBroker broker = EmbeddedBroker.start(0, 64 * 1024);
             MqttTransport publisher = client(broker, "publisher");
             MqttTransport subscriber = client(broker, "subscriber")) {
            List<String> heard = new CopyOnWriteArrayList<>();
            broker.onSubscribe(filter -> {
                heard.add(filter);
                publisher.publish(filter, filter.getBytes(StandardCharsets.UTF_8), 1, false);
            });
            Set<String> got = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < n; i++) {
                subscriber.subscribe("probe/" + i, 1, (topic, payload) -> got.add(new String(payload, StandardCharsets.UTF_8)));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (got.size() < n && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(n, heard.size(), "subscriptions heard");
            assertEquals(n, got.size(), "messages published on hearing, received");
        }
    }
}
