package org.sensorrecovery.publish;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.sensorrecovery.mqtt.MqttTransport;
import org.sensorrecovery.mqtt.MqttTransportException;
import org.sensorrecovery.wire.Rejection;
import org.sensorrecovery.wire.RejectionCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the runtime publishes leaves through here, on this outbox's own thread: the thread
 * that offers (ingest, a worker) never waits for the network (DESIGN.md, delivery contract). It
 * holds the latest estimate per array (a newer one replaces an unsent older one), and a bounded
 * queue of rejections, rate-limited per device with a count of those suppressed. While the broker
 * is away it keeps them and says so twice: one WARN when the connection is lost, one INFO with how
 * long it lasted and how many publishes waited when it is back.
 *
 * <p>It also remembers each array's newest estimate, to send it again when a subscription to its
 * topic is made ({@link #resendEstimates}): Moquette 0.17 routes a PUBLISH before it stores the
 * retained copy, and a SUBSCRIBE handled between the two (on another session loop) gets neither,
 * so a subscriber arriving just as an idle array's last estimate goes out would wait for the next
 * one, for ever if the array stays idle (seen in 1 of 3000 such races on 2 cores).
 */
public final class Outbox implements MqttTransport.ConnectionListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    /** Rejections sent per second per device at most. */
    public static final int REJECTIONS_PER_SECOND = 10;
    static final int REJECTION_QUEUE = 1024;
    private static final long RETRY_MILLIS = 100;

    private final MqttTransport transport;
    private final String topicPrefix;
    private final LongSupplier nanoClock;
    private final Map<String, byte[]> estimates = new LinkedHashMap<>();
    /** Each array's newest estimate offered, sent or not. */
    private final Map<String, byte[]> newest = new LinkedHashMap<>();
    private final ArrayDeque<Outgoing> rejections = new ArrayDeque<>();
    private final RejectionLimiter limiter = new RejectionLimiter(REJECTIONS_PER_SECOND);
    private final Map<String, AtomicLong> suppressed = new ConcurrentHashMap<>();
    private final AtomicLong replaced = new AtomicLong();
    private final Thread thread;
    private boolean running = true;
    private boolean sending;
    private long lostAtNanos = -1;
    private long offeredDuringOutage;

    private record Outgoing(String array, byte[] payload) {
    }

    /**
     * @param topicPrefix first topic level; estimates go to {prefix}/{array}/estimate (retained),
     *                    rejections to {prefix}/{array}/rejected
     */
    public Outbox(MqttTransport transport, String topicPrefix, LongSupplier nanoClock) {
        this.transport = transport;
        this.topicPrefix = topicPrefix;
        this.nanoClock = nanoClock;
        this.thread = new Thread(this::run, "mqtt-outbox");
        thread.setDaemon(true);
        transport.connectionListener(this);
    }

    public void start() {
        thread.start();
    }

    /** Queues an array's estimate, replacing one not yet sent; never blocks. */
    public synchronized void offerEstimate(String array, byte[] json) {
        newest.put(array, json);
        if (estimates.put(array, json) != null) {
            replaced.incrementAndGet();
        } else {
            countOutage();
        }
        notifyAll();
    }

    /**
     * Sends again the newest estimate of every array whose estimate topic the filter matches,
     * unless it is still waiting to go out. Never an older one than was sent: what is queued is
     * the newest, so a resend can only repeat the last estimate (its subscribers see it twice).
     *
     * @param filter a topic filter just subscribed to (wildcards allowed)
     * @return the number of estimates queued again
     */
    public synchronized int resendEstimates(String filter) {
        int queued = 0;
        for (Map.Entry<String, byte[]> e : newest.entrySet()) {
            if (!estimates.containsKey(e.getKey()) && matches(filter, estimateTopic(e.getKey()))) {
                estimates.put(e.getKey(), e.getValue());
                queued++;
            }
        }
        if (queued > 0) {
            notifyAll();
        }
        return queued;
    }

    private static boolean matches(String filter, String topic) {
        try {
            return MqttTopic.isMatched(filter, topic);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private String estimateTopic(String array) {
        return topicPrefix + "/" + array + "/estimate";
    }

    /** Queues a rejection unless its device is over the rate or the queue is full; never blocks. */
    public synchronized void offerRejection(String array, Rejection r) {
        long before = limiter.admit(array, r.device(), nanoClock.getAsLong());
        if (before < 0 || rejections.size() >= REJECTION_QUEUE) {
            suppressedOf(array).incrementAndGet();
            return;
        }
        rejections.add(new Outgoing(array, RejectionCodec.encode(r, before)));
        countOutage();
        notifyAll();
    }

    private void countOutage() {
        if (lostAtNanos >= 0) {
            offeredDuringOutage++;
        }
    }

    private AtomicLong suppressedOf(String array) {
        return suppressed.computeIfAbsent(array, a -> new AtomicLong());
    }

    /** Rejections of the array not published: over a device's rate, or the queue full. */
    public long suppressed(String array) {
        AtomicLong n = suppressed.get(array);
        return n == null ? 0 : n.get();
    }

    /** Estimates replaced by a newer one before they were sent. */
    public long replacedEstimates() {
        return replaced.get();
    }

    /** Publishes waiting to go out. */
    public synchronized int pending() {
        return estimates.size() + rejections.size();
    }

    @Override
    public synchronized void connectionLost(String cause) {
        if (lostAtNanos < 0) {
            lostAtNanos = nanoClock.getAsLong();
            offeredDuringOutage = 0;
            LOG.warn("connection to the broker lost ({}); estimates and rejections wait until it is back", cause);
        }
    }

    @Override
    public synchronized void connected() {
        if (lostAtNanos >= 0) {
            LOG.info("connection to the broker back after {} ms; {} publishes waited ({} to send now)",
                    (nanoClock.getAsLong() - lostAtNanos) / 1_000_000, offeredDuringOutage, pending());
            lostAtNanos = -1;
        }
        notifyAll();
    }

    private void run() {
        while (true) {
            Outgoing next;
            boolean estimate;
            synchronized (this) {
                while (running && (estimates.isEmpty() && rejections.isEmpty() || !transport.connected())) {
                    waitQuietly(transport.connected() ? 0 : RETRY_MILLIS);
                }
                if (!running) {
                    return;
                }
                estimate = !estimates.isEmpty();
                if (estimate) {
                    Iterator<Map.Entry<String, byte[]>> it = estimates.entrySet().iterator();
                    Map.Entry<String, byte[]> e = it.next();
                    it.remove();
                    next = new Outgoing(e.getKey(), e.getValue());
                } else {
                    next = rejections.poll();
                }
                sending = true;
            }
            send(next, estimate);
            synchronized (this) {
                sending = false;
                notifyAll();
            }
        }
    }

    private void send(Outgoing o, boolean estimate) {
        String topic = estimate ? estimateTopic(o.array()) : topicPrefix + "/" + o.array() + "/rejected";
        try {
            transport.publish(topic, o.payload(), 1, estimate);
        } catch (MqttTransportException e) {
            synchronized (this) {
                if (estimate) {
                    estimates.putIfAbsent(o.array(), o.payload());
                } else if (rejections.size() < REJECTION_QUEUE) {
                    rejections.addFirst(o);
                }
                // The connection went between the check and the publish: wait for it, quietly
                // (the connection listener has said it once).
                waitQuietly(RETRY_MILLIS);
            }
        }
    }

    private void waitQuietly(long millis) {
        try {
            wait(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Waits until everything offered so far has been handed to the client, or the time is up. */
    public synchronized boolean awaitEmpty(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (pending() > 0 || sending) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0 || !transport.connected()) {
                return false;
            }
            waitQuietly(Math.min(left, RETRY_MILLIS));
        }
        return true;
    }

    /** Stops; what was not sent by then is dropped (estimates are retained on the broker already). */
    @Override
    public void close() {
        synchronized (this) {
            running = false;
            notifyAll();
        }
        try {
            thread.join(3_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
