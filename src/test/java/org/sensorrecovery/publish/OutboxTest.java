package org.sensorrecovery.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.sensorrecovery.mqtt.MqttTransportException;
import org.sensorrecovery.testing.StubTransport;
import org.sensorrecovery.wire.Rejection;

class OutboxTest {

    /** Records publishes; blocks each one until released, like a client whose in-flight window is full. */
    private static final class SlowTransport extends StubTransport {
        final List<String> published = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);
        final AtomicBoolean connected = new AtomicBoolean(true);
        volatile boolean blocking = true;

        @Override
        public void publish(String topic, byte[] payload, int qos, boolean retained) {
            if (!connected.get()) {
                throw new MqttTransportException("not connected", null);
            }
            if (blocking) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            published.add(topic + " " + new String(payload, StandardCharsets.UTF_8) + (retained ? " retained" : ""));
        }

        @Override
        public boolean connected() {
            return connected.get();
        }
    }

    private static void awaitPublished(SlowTransport t, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.published.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertEquals(n, t.published.size(), () -> "published: " + t.published);
    }

    @Test
    void offersNeverWaitForTheNetworkAndTheLatestEstimateReplacesAnUnsentOne() throws InterruptedException {
        SlowTransport t = new SlowTransport();
        Outbox box = new Outbox(t, "sensors", System::nanoTime);
        box.start();
        box.offerEstimate("a", "e0".getBytes(StandardCharsets.UTF_8));
        assertTrue(t.entered.await(10, TimeUnit.SECONDS));
        // The outbox thread is now stuck in publish(e0); these return at once all the same.
        for (int i = 1; i <= 1_000; i++) {
            box.offerEstimate("a", ("e" + i).getBytes(StandardCharsets.UTF_8));
            box.offerEstimate("b", ("f" + i).getBytes(StandardCharsets.UTF_8));
        }
        t.release.countDown();
        t.blocking = false;
        awaitPublished(t, 3);
        assertEquals(List.of("sensors/a/estimate e0 retained", "sensors/a/estimate e1000 retained",
                "sensors/b/estimate f1000 retained"), List.copyOf(t.published).subList(0, 3).stream().sorted().toList());
        assertTrue(box.replacedEstimates() >= 1_997, "replaced " + box.replacedEstimates());
        box.close();
    }

    @Test
    void rejectionsAreLimitedPerDeviceAndTheNextOneSentTellsHowManyWereSuppressed() throws InterruptedException {
        SlowTransport t = new SlowTransport();
        t.blocking = false;
        AtomicLong now = new AtomicLong(1_000_000_000L);
        Outbox box = new Outbox(t, "sensors", now::get);
        box.start();
        for (int i = 0; i < 100; i++) {
            box.offerRejection("a", new Rejection("y: must be finite", "bad", (long) i, 0));
        }
        box.offerRejection("a", new Rejection("y: must be finite", "good", 7L, 0));
        awaitPublished(t, Outbox.REJECTIONS_PER_SECOND + 1);
        assertEquals(100 - Outbox.REJECTIONS_PER_SECOND, box.suppressed("a"));

        now.addAndGet(1_000_000_000L);
        box.offerRejection("a", new Rejection("y: must be finite", "bad", 100L, 0));
        awaitPublished(t, Outbox.REJECTIONS_PER_SECOND + 2);
        String last = t.published.get(t.published.size() - 1);
        assertEquals("sensors/a/rejected {\"reason\":\"y: must be finite\",\"device\":\"bad\",\"seq\":100,\"index\":0,"
                + "\"suppressed\":90}", last);
        box.close();
    }

    @Test
    void whileDisconnectedPublishesWaitAndGoOutOnceConnected() throws InterruptedException {
        SlowTransport t = new SlowTransport();
        t.blocking = false;
        t.connected.set(false);
        Outbox box = new Outbox(t, "sensors", System::nanoTime);
        box.start();
        box.connectionLost("test");
        box.offerEstimate("a", "e".getBytes(StandardCharsets.UTF_8));
        box.offerRejection("a", new Rejection("r", "d", 1L, 0));
        Thread.sleep(50);
        assertEquals(0, t.published.size());
        assertEquals(2, box.pending());
        t.connected.set(true);
        box.connected();
        awaitPublished(t, 2);
        assertEquals(0, box.pending());
        box.close();
    }

    @Test
    void aSubscriptionToAnEstimateTopicSendsTheNewestEstimateAgainNeverAnOlderOne() throws InterruptedException {
        SlowTransport t = new SlowTransport();
        t.blocking = false;
        Outbox box = new Outbox(t, "sensors", System::nanoTime);
        box.start();
        box.offerEstimate("a", "a1".getBytes(StandardCharsets.UTF_8));
        box.offerEstimate("b", "b1".getBytes(StandardCharsets.UTF_8));
        awaitPublished(t, 2);
        assertEquals(2, box.resendEstimates("sensors/+/estimate"));
        awaitPublished(t, 4);
        assertEquals(List.of("sensors/a/estimate a1 retained", "sensors/b/estimate b1 retained"),
                List.copyOf(t.published).subList(2, 4).stream().sorted().toList());
        assertEquals(1, box.resendEstimates("sensors/b/#"));
        awaitPublished(t, 5);
        assertEquals("sensors/b/estimate b1 retained", t.published.get(4));
        // Filters that match no estimate topic, or are not valid filters: nothing is sent.
        for (String other : List.of("sensors/a/m", "sensors/+/rejected", "other/#", "sensors/#/estimate", "")) {
            assertEquals(0, box.resendEstimates(other), other);
        }
        // A newer estimate still waiting to go out is the one sent, once.
        t.connected.set(false);
        box.offerEstimate("a", "a2".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, box.resendEstimates("#"));
        t.connected.set(true);
        box.connected();
        awaitPublished(t, 7);
        assertEquals(List.of("sensors/a/estimate a2 retained", "sensors/b/estimate b1 retained"),
                List.copyOf(t.published).subList(5, 7).stream().sorted().toList());
        Thread.sleep(50);
        assertEquals(7, t.published.size(), () -> "published: " + t.published);
        box.close();
    }
}
