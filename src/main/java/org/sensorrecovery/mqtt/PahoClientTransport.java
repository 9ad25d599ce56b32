package org.sensorrecovery.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a {@link MqttTransport} does the same way on Paho's v3.1.1 client and on its v5 client: the
 * first connect retried until it succeeds ({@link FirstConnect}), every subscription renewed on
 * every connect (Paho does not resubscribe), incoming messages routed by our own filters
 * ({@link Subscriptions}) and acknowledged by hand on the connection they came on
 * ({@link ConnectionGeneration}), and publish waiting for an in-flight slot. A subclass adapts one
 * client version: it connects and subscribes (the calls whose tokens differ between the versions),
 * and reports what its client's callback hears through {@link #onConnected},
 * {@link #onConnectionLost} and {@link #onMessage}; the rest goes through {@link PahoClient}.
 */
abstract class PahoClientTransport<C extends PahoClient> implements MqttTransport {

    private static final Logger LOG = LoggerFactory.getLogger(PahoClientTransport.class);
    /** REASON_CODE_MAX_INFLIGHT, the same number in both clients: publish found the in-flight window full. */
    private static final int MAX_INFLIGHT = org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_MAX_INFLIGHT;

    /** A SUBSCRIBE sent, its SUBACK to come, through the token of either client. */
    record Suback(String filters, BooleanSupplier acknowledged, Await await) {
    }

    /** Waits for a token; throws the client's exception when it failed or timed out. */
    @FunctionalInterface
    interface Await {
        void await(long millis) throws Exception;
    }

    static {
        PahoSlf4jLogger.install();
    }

    final MqttSettings settings;
    final C client;
    private final Subscriptions subscriptions = new Subscriptions();
    private final ConnectionGeneration generation = new ConnectionGeneration();
    private final CountDownLatch firstConnect = new CountDownLatch(1);
    private final AtomicLong reconnects = new AtomicLong();
    private final List<Suback> pendingSubacks = new ArrayList<>();
    private volatile ConnectionListener listener;
    private volatile boolean closed;
    private Thread connector;

    /** @throws MqttTransportException when the client refuses the settings (a malformed URL or client id) */
    PahoClientTransport(MqttSettings settings, PahoClient.Maker<C> maker) {
        this.settings = settings;
        this.listener = new OutageLog(settings.url());
        try {
            this.client = maker.make(settings.url(), settings.clientId());
        } catch (Exception e) {
            throw new MqttTransportException("MQTT client for " + settings.url() + ": " + e.getMessage(), e);
        }
        client.setManualAcks(true);
    }

    /** Connects once and waits for the CONNACK (at most 15 s). */
    abstract void connectOnce() throws Exception;

    /** Subscribes to these filters without waiting for the SUBACK. */
    abstract Suback subscribeOnce(Subscriptions.Filters filters) throws Exception;

    /** Messages published and not yet acknowledged by the broker. */
    abstract int pendingDeliveries();

    /** The client's callback: connected, first time or again. Renews every subscription. */
    final void onConnected(boolean reconnect) {
        generation.changed();
        if (reconnect) {
            reconnects.incrementAndGet();
        }
        resubscribeAll();
        listener.connected();
        firstConnect.countDown();
    }

    /** The client's callback: the connection is gone (the client reconnects by itself). */
    final void onConnectionLost(String cause) {
        generation.changed();
        listener.connectionLost(cause);
    }

    /**
     * The client's callback: a message arrived; its acknowledgement is left to the handlers.
     *
     * @param subscriptionIds the MQTT v5 subscription identifiers it carries; empty for none
     */
    final void onMessage(String topic, byte[] payload, int packetId, int qos, List<Integer> subscriptionIds) {
        subscriptions.dispatch(topic, payload, generation.ack(packetId, qos, client::messageArrivedComplete),
                subscriptionIds);
    }

    @Override
    public synchronized boolean connect(long timeoutMillis) {
        if (connector == null) {
            connector = FirstConnect.start(settings.url(), settings.clientId(), this::connectOnce, () -> closed);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            return firstConnect.await(timeoutMillis, TimeUnit.MILLISECONDS) && client.isConnected()
                    && awaitSubacks(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean awaitSubscribed(long timeoutMillis) {
        return client.isConnected() && awaitSubacks(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
    }

    /**
     * Waits, on the caller's thread, for the SUBACKs of the subscriptions sent so far: until the
     * broker has them, a device's message to a subscribed topic could be dropped, so a caller
     * reporting "connected" must not say so earlier. A subscription lost with its connection
     * (Moquette can drop one that races its CONNECT) is waited for again after the reconnect,
     * which renews every subscription.
     */
    private boolean awaitSubacks(long deadlineNanos) {
        while (true) {
            List<Suback> subacks;
            synchronized (pendingSubacks) {
                pendingSubacks.removeIf(s -> s.acknowledged().getAsBoolean());
                subacks = new ArrayList<>(pendingSubacks);
            }
            if (subacks.isEmpty()) {
                return true;
            }
            for (Suback s : subacks) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    s.await().await(left);
                } catch (Exception e) {
                    LOG.warn("subscription to {} not acknowledged ({}); waiting for the reconnect", s.filters(),
                            e.getMessage());
                    synchronized (pendingSubacks) {
                        pendingSubacks.remove(s);
                    }
                    if (!sleepUntilReconnected(deadlineNanos)) {
                        return false;
                    }
                    break;
                }
            }
        }
    }

    private boolean sleepUntilReconnected(long deadlineNanos) {
        try {
            do {
                Thread.sleep(20);
            } while (!client.isConnected() && System.nanoTime() < deadlineNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return client.isConnected();
    }

    @Override
    public void subscribe(String topicFilter, int qos, Handler handler) {
        subscribeDeferred(topicFilter, qos, (topic, payload, ack) -> {
            try {
                handler.onMessage(topic, payload);
            } finally {
                ack.ack();
            }
        });
    }

    @Override
    public void subscribeDeferred(String topicFilter, int qos, DeferredHandler handler) {
        Subscriptions.Filters added = subscriptions.put(topicFilter, qos, handler);
        if (client.isConnected()) {
            subscribeNow(added);
        }
    }

    @Override
    public void connectionListener(ConnectionListener l) {
        this.listener = l;
    }

    /**
     * Renews every subscription: Paho does not, and a clean session, or a broker that lost the
     * persistent one, has none.
     */
    private void resubscribeAll() {
        Subscriptions.Filters all = subscriptions.all();
        if (!all.isEmpty()) {
            subscribeNow(all);
        }
    }

    /**
     * Sends SUBSCRIBE without waiting for the SUBACK: this runs on Paho's callback thread too, and
     * waiting there while queued messages fill the delivery queue would stall the receiver;
     * {@link #connect} waits for the first ones on its caller's thread.
     */
    private void subscribeNow(Subscriptions.Filters filters) {
        try {
            Suback s = subscribeOnce(filters);
            synchronized (pendingSubacks) {
                pendingSubacks.removeIf(p -> p.acknowledged().getAsBoolean());
                pendingSubacks.add(s);
            }
        } catch (Exception e) {
            LOG.warn("subscribe to {} failed: {}", filters, e.getMessage());
        }
    }

    /** @return false when the client's in-flight window is full (try again later) */
    private boolean tryPublish(String topic, byte[] payload, int qos, boolean retained) {
        try {
            client.publish(topic, payload, qos, retained);
            return true;
        } catch (Exception e) {
            if (reasonCode(e) == MAX_INFLIGHT) {
                return false;
            }
            throw new MqttTransportException("publish to " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Paho's reason code of a failed call, or -1 when the failure is not Paho's. */
    private static int reasonCode(Exception e) {
        if (e instanceof org.eclipse.paho.client.mqttv3.MqttException v3) {
            return v3.getReasonCode();
        }
        return e instanceof org.eclipse.paho.mqttv5.common.MqttException v5 ? v5.getReasonCode() : -1;
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retained) {
        long backoff = 1;
        while (!tryPublish(topic, payload, qos, retained)) {
            if (closed) {
                throw new MqttTransportException("publish to " + topic + ": transport closed", null);
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MqttTransportException("publish to " + topic + " interrupted", e);
            }
            backoff = Math.min(50, backoff * 2);
        }
    }

    @Override
    public boolean awaitDelivered(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (pendingDeliveries() > 0) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public boolean connected() {
        return client.isConnected();
    }

    @Override
    public long reconnects() {
        return reconnects.get();
    }

    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            if (connector != null) {
                connector.interrupt();
            }
        }
        try {
            if (client.isConnected()) {
                // Short: what is not acknowledged by now the broker resends to the next session, and
                // on SIGTERM the embedded broker's own shutdown hook may be closing the other end.
                client.disconnectForcibly(500, 1_000, true);
            }
        } catch (Exception e) {
            LOG.debug("disconnect: {}", e.getMessage());
        }
        try {
            client.close(true);
        } catch (Exception e) {
            LOG.debug("close: {}", e.getMessage());
        }
    }
}
