package org.sensorrecovery.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sensorrecovery.broker.EmbeddedBroker;
import org.sensorrecovery.testing.Mosquitto;

/**
 * Both transports ({@link PahoTransport} on MQTT 3.1.1, {@link Paho5Transport} on MQTT v5) against
 * a real Mosquitto; the 3.1.1 one also against the embedded broker (Moquette speaks no v5).
 */
class PahoTransportIT {

    @TempDir
    Path dir;

    private static BlockingQueue<String> subscribe(MqttTransport t, String filter) {
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        t.subscribe(filter, 1, (topic, payload) -> got.add(topic + " " + new String(payload, StandardCharsets.UTF_8)));
        return got;
    }

    private static void roundTrip(MqttProtocol protocol, String url) throws InterruptedException {
        try (MqttTransport sub = protocol.transport(MqttSettings.plain(url, "sub-" + System.nanoTime()));
             MqttTransport pub = protocol.transport(MqttSettings.plain(url, "pub-" + System.nanoTime()))) {
            assertTrue(sub.connect(5_000));
            BlockingQueue<String> got = subscribe(sub, "t/+/m");
            assertTrue(pub.connect(5_000));
            // Moquette may route a publish that races the SUBACK before the subscription is stored: retry.
            String msg = null;
            for (int i = 0; i < 10 && msg == null; i++) {
                pub.publish("t/a/m", "hello".getBytes(StandardCharsets.UTF_8), 1, false);
                msg = got.poll(500, TimeUnit.MILLISECONDS);
            }
            assertEquals("t/a/m hello", msg);
            pub.publish("t/a/estimate", "latest".getBytes(StandardCharsets.UTF_8), 1, true);
        }
        try (MqttTransport late = protocol.transport(MqttSettings.plain(url, "late-" + System.nanoTime()))) {
            assertTrue(late.connect(5_000));
            assertEquals("t/a/estimate latest", subscribe(late, "t/a/estimate").poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void publishesAndReceivesOnTheEmbeddedBrokerAndKeepsRetainedMessages() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(0, 1 << 20)) {
            roundTrip(MqttProtocol.V3_1_1, broker.url());
        }
    }

    @ParameterizedTest
    @EnumSource(MqttProtocol.class)
    void publishesAndReceivesOnMosquittoAndKeepsRetainedMessages(MqttProtocol protocol) throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir)) {
            roundTrip(protocol, broker.url());
        }
    }

    /** Subscriptions made before connect are acknowledged by the time connect returns: nothing published after it is lost. */
    private static void firstMessageAfterConnect(MqttProtocol protocol, String url) throws InterruptedException {
        for (int round = 0; round < 5; round++) {
            try (MqttTransport sub = protocol.transport(MqttSettings.plain(url, "sub-" + System.nanoTime()).withCleanSession(true));
                 MqttTransport pub = protocol.transport(MqttSettings.plain(url, "pub-" + System.nanoTime()).withCleanSession(true))) {
                assertTrue(pub.connect(5_000));
                BlockingQueue<String> got = subscribe(sub, "first/+/m");
                assertTrue(sub.connect(5_000));
                pub.publish("first/a/m", ("n" + round).getBytes(StandardCharsets.UTF_8), 1, false);
                assertEquals("first/a/m n" + round, got.poll(5, TimeUnit.SECONDS), "round " + round);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(MqttProtocol.class)
    void aMessagePublishedAsSoonAsConnectReturnsIsDeliveredByMosquitto(MqttProtocol protocol) throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir)) {
            firstMessageAfterConnect(protocol, broker.url());
        }
    }

    /**
     * A subscription made on a connected client is in place once awaitSubscribed returns: a
     * message published right after it arrives (a watcher that counted rejections from there once
     * missed the first ten, published before its SUBACK).
     */
    @ParameterizedTest
    @EnumSource(MqttProtocol.class)
    void aSubscriptionOnAConnectedClientIsInPlaceOnceAwaitSubscribedReturns(MqttProtocol protocol) throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir);
             MqttTransport sub = protocol.transport(MqttSettings.plain(broker.url(), "late-sub").withCleanSession(true));
             MqttTransport pub = protocol.transport(MqttSettings.plain(broker.url(), "late-pub").withCleanSession(true))) {
            assertTrue(sub.connect(5_000));
            assertTrue(pub.connect(5_000));
            for (int round = 0; round < 20; round++) {
                BlockingQueue<String> got = subscribe(sub, "late/" + round);
                assertTrue(sub.awaitSubscribed(5_000), "round " + round);
                pub.publish("late/" + round, "x".getBytes(StandardCharsets.UTF_8), 1, false);
                assertEquals("late/" + round + " x", got.poll(5, TimeUnit.SECONDS), "round " + round);
            }
        }
    }

    @Test
    void aMessagePublishedAsSoonAsConnectReturnsIsDeliveredByTheEmbeddedBroker() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(0, 1 << 20)) {
            firstMessageAfterConnect(MqttProtocol.V3_1_1, broker.url());
        }
    }

    @ParameterizedTest
    @EnumSource(MqttProtocol.class)
    void aFirstConnectThatFailsIsRetriedUntilTheBrokerAppears(MqttProtocol protocol) throws Exception {
        int port = EmbeddedBroker.freePort();
        try (MqttTransport t = protocol.transport(MqttSettings.plain("tcp://127.0.0.1:" + port, "early"))) {
            assertFalse(t.connect(300));
            try (Mosquitto broker = Mosquitto.start(dir, port)) {
                assertTrue(t.connect(15_000));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(MqttProtocol.class)
    void subscriptionsAreRenewedAfterTheBrokerRestarts(MqttProtocol protocol) throws Exception {
        int port = EmbeddedBroker.freePort();
        Mosquitto first = Mosquitto.start(dir, port);
        try (MqttTransport sub = protocol.transport(MqttSettings.plain("tcp://127.0.0.1:" + port, "resub"))) {
            assertTrue(sub.connect(5_000));
            BlockingQueue<String> got = subscribe(sub, "r/m");
            first.close();
            try (Mosquitto second = Mosquitto.start(dir, port);
                 MqttTransport pub = protocol.transport(MqttSettings.plain(second.url(), "resub-pub"))) {
                assertTrue(pub.connect(5_000));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                String msg = null;
                while (msg == null && System.nanoTime() < deadline) {
                    pub.publish("r/m", "again".getBytes(StandardCharsets.UTF_8), 1, false);
                    msg = got.poll(500, TimeUnit.MILLISECONDS);
                }
                assertEquals("r/m again", msg);
                assertTrue(sub.reconnects() >= 1);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(MqttProtocol.class)
    void aMessageFromTheRealMosquittoPubClientIsReceived(MqttProtocol protocol) throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir);
             MqttTransport sub = protocol.transport(MqttSettings.plain(broker.url(), "from-cli"))) {
            assertTrue(sub.connect(5_000));
            BlockingQueue<String> got = subscribe(sub, "cli/m");
            Process p = new ProcessBuilder("mosquitto_pub", "-h", "127.0.0.1", "-p", Integer.toString(broker.port()),
                    "-q", "1", "-t", "cli/m", "-m", "{\"x\":1}").inheritIO().start();
            assertEquals(0, p.waitFor());
            String msg = got.poll(5, TimeUnit.SECONDS);
            assertNotNull(msg);
            assertArrayEquals("cli/m {\"x\":1}".getBytes(StandardCharsets.UTF_8), msg.getBytes(StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @EnumSource(MqttProtocol.class)
    void aTopicMatchingAnExactAndAWildcardFilterReachesBothAndOtherTopicsNeither(MqttProtocol protocol) throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir);
             MqttTransport sub = protocol.transport(MqttSettings.plain(broker.url(), "overlap"));
             MqttTransport pub = protocol.transport(MqttSettings.plain(broker.url(), "overlap-pub"))) {
            BlockingQueue<String> exact = subscribe(sub, "o/a/m");
            BlockingQueue<String> wild = subscribe(sub, "o/#");
            BlockingQueue<String> other = subscribe(sub, "p/+/m");
            assertTrue(sub.connect(5_000));
            assertTrue(pub.connect(5_000));
            pub.publish("o/a/m", "1".getBytes(StandardCharsets.UTF_8), 1, false);
            pub.publish("o/b/m", "2".getBytes(StandardCharsets.UTF_8), 1, false);
            assertEquals("o/a/m 1", exact.poll(5, TimeUnit.SECONDS));
            assertEquals("o/a/m 1", wild.poll(5, TimeUnit.SECONDS));
            assertEquals("o/b/m 2", wild.poll(5, TimeUnit.SECONDS));
            assertEquals(null, exact.poll(200, TimeUnit.MILLISECONDS));
            assertTrue(other.isEmpty());
        }
    }

    /**
     * The receive buffer (64 KiB) carries many packets per read and passes larger ones straight
     * through: a burst of small messages and messages larger than the buffer arrive whole, in order.
     */
    @ParameterizedTest
    @EnumSource(MqttProtocol.class)
    void burstsOfSmallMessagesAndMessagesLargerThanTheReceiveBufferArriveWholeAndInOrder(MqttProtocol protocol) throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir);
             MqttTransport sub = protocol.transport(MqttSettings.plain(broker.url(), "buffered"));
             MqttTransport pub = protocol.transport(MqttSettings.plain(broker.url(), "buffered-pub"))) {
            BlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
            sub.subscribe("b/m", 1, (topic, payload) -> got.add(payload));
            assertTrue(sub.connect(5_000));
            assertTrue(pub.connect(5_000));
            java.util.List<byte[]> sent = new java.util.ArrayList<>();
            java.util.Random random = new java.util.Random(3);
            for (int i = 0; i < 2_000; i++) {
                int size = i % 500 == 7 ? BufferedSocketFactory.BUFFER_BYTES * 3 + i : 1 + random.nextInt(300);
                byte[] p = new byte[size];
                random.nextBytes(p);
                sent.add(p);
                pub.publish("b/m", p, 1, false);
            }
            for (int i = 0; i < sent.size(); i++) {
                byte[] p = got.poll(10, TimeUnit.SECONDS);
                assertNotNull(p, "message " + i + " of " + sent.size());
                assertArrayEquals(sent.get(i), p, "message " + i);
            }
        }
    }
}
