package org.sensorrecovery.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.MqttTopic;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MqttTransport} on Eclipse Paho mqttv3 1.2.5, filling its known gaps: a first connect that
 * fails is retried with backoff (Paho's automatic reconnect only covers later losses), and every
 * subscription is renewed in connectComplete (Paho does not resubscribe after a reconnect).
 * In-flight QoS 1 messages are kept in memory across reconnects (the journal, not the client, is
 * the durable store).
 */
public final class PahoTransport implements MqttTransport {

    private static final Logger LOG = LoggerFactory.getLogger(PahoTransport.class);
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final MqttSettings settings;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    /** The filters with + or #: only these need matching; the others are found by the topic itself. */
    private final Set<String> wildcardFilters = ConcurrentHashMap.newKeySet();
    private final CountDownLatch firstConnect = new CountDownLatch(1);
    private final AtomicLong reconnects = new AtomicLong();
    /** Counts connects and losses: an acknowledgement is only valid on the connection it came on. */
    private final AtomicInteger connection = new AtomicInteger();
    private volatile ConnectionListener listener;
    private final List<IMqttToken> pendingSubacks = new ArrayList<>();
    private volatile boolean closed;
    private Thread connector;

    private static final MqttTransport.Ack NO_ACK = () -> { };

    private record Subscription(int qos, DeferredHandler handler) {
    }

    static {
        PahoSlf4jLogger.install();
    }

    public PahoTransport(MqttSettings settings) {
        this.settings = settings;
        this.listener = new LoggingListener(settings.url());
        try {
            this.client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new MqttTransportException("MQTT client for " + settings.url() + ": " + e.getMessage(), e);
        }
        this.options = connectOptions(settings);
        client.setManualAcks(true);
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                connection.incrementAndGet();
                if (reconnect) {
                    reconnects.incrementAndGet();
                }
                resubscribeAll();
                listener.connected();
                firstConnect.countDown();
            }

            @Override
            public void connectionLost(Throwable cause) {
                connection.incrementAndGet();
                listener.connectionLost(cause == null ? "unknown" : cause.getMessage());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                dispatch(topic, message.getPayload(), ackOf(message));
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
                // Nothing to do: QoS 1 acknowledgement.
            }
        });
    }

    /**
     * The PUBACK of one message, sent only if the connection it came on is still the current one:
     * after a reconnect the broker resends it under the same packet id, and acknowledging the old
     * copy then could acknowledge a newer message that reused the id.
     */
    private MqttTransport.Ack ackOf(MqttMessage message) {
        if (message.getQos() == 0) {
            return NO_ACK;
        }
        int id = message.getId();
        int qos = message.getQos();
        int on = connection.get();
        return () -> {
            if (connection.get() != on) {
                return;
            }
            try {
                client.messageArrivedComplete(id, qos);
            } catch (MqttException | RuntimeException e) {
                // Disconnected or closed meanwhile (Paho 1.2.5 throws a NullPointerException once closed):
                // the broker resends it on the next connection, and ingest drops it as a duplicate.
                LOG.debug("acknowledgement of message {} not sent: {}", id, e.toString());
            }
        };
    }

    private static MqttConnectOptions connectOptions(MqttSettings s) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(s.cleanSession());
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay((int) MAX_BACKOFF_MILLIS);
        o.setMaxInflight(s.maxInflight());
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        if (s.username() != null) {
            o.setUserName(s.username());
            o.setPassword(s.password() == null ? new char[0] : s.password());
        }
        if (s.url().startsWith("ssl://") && (s.trustStore() != null || s.keyStore() != null)) {
            o.setSocketFactory(sslContext(s).getSocketFactory());
        } else if (s.url().startsWith("tcp://")) {
            o.setSocketFactory(new BufferedSocketFactory());
        }
        return o;
    }

    private static SSLContext sslContext(MqttSettings s) {
        try {
            TrustManagerFactory tmf = null;
            if (s.trustStore() != null) {
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(load(s.trustStore(), s.trustStorePassword()));
            }
            KeyManagerFactory kmf = null;
            if (s.keyStore() != null) {
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(s.keyStore(), s.keyStorePassword()), s.keyStorePassword());
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new MqttTransportException("broker.tls: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path path, char[] password) throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(path)) {
            ks.load(in, password);
        }
        return ks;
    }

    @Override
    public synchronized boolean connect(long timeoutMillis) {
        if (connector == null) {
            connector = new Thread(this::connectUntilDone, "mqtt-connect-" + settings.clientId());
            connector.setDaemon(true);
            connector.start();
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

    /**
     * Waits, on the caller's thread, for the SUBACKs of the subscriptions sent so far: until the
     * broker has them, a device's message to a subscribed topic could be dropped, so a caller
     * reporting "connected" must not say so earlier. A subscription lost with its connection
     * (Moquette can drop one that races its CONNECT) is waited for again after the reconnect,
     * which renews every subscription.
     */
    private boolean awaitSubacks(long deadlineNanos) {
        while (true) {
            List<IMqttToken> tokens;
            synchronized (pendingSubacks) {
                pendingSubacks.removeIf(t -> t.isComplete() && t.getException() == null);
                tokens = new ArrayList<>(pendingSubacks);
            }
            if (tokens.isEmpty()) {
                return true;
            }
            for (IMqttToken t : tokens) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    t.waitForCompletion(left);
                } catch (MqttException e) {
                    LOG.warn("subscription to {} not acknowledged ({}); waiting for the reconnect",
                            String.join(",", t.getTopics()), e.getMessage());
                    synchronized (pendingSubacks) {
                        pendingSubacks.remove(t);
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

    /** Retries the first connect with exponential backoff; after it, Paho's reconnect takes over. */
    private void connectUntilDone() {
        long backoff = 100;
        int attempts = 0;
        while (!closed) {
            try {
                client.connect(options).waitForCompletion(15_000);
                if (attempts > 0) {
                    LOG.info("connected to {} after {} attempts", settings.url(), attempts + 1);
                }
                return;
            } catch (MqttException e) {
                // One line for the outage, not one per attempt.
                if (attempts++ == 0) {
                    LOG.warn("cannot connect to {} yet ({}); retrying with backoff up to {} ms", settings.url(),
                            e.getMessage(), MAX_BACKOFF_MILLIS);
                } else {
                    LOG.debug("connect attempt {} to {} failed: {}", attempts, settings.url(), e.getMessage());
                }
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }
    }

    /**
     * Routes by our filters in the client-wide callback, not with per-subscription listeners: a
     * persistent session starts delivering before a listener could be registered again, and Paho
     * acknowledges messages that no listener takes. A filter equal to the topic is found by a map
     * lookup (a topic name has no wildcards, so equality is a match); only wildcard filters go
     * through Paho's matcher, which validates both strings on every call. A message that matches
     * several filters is acknowledged once, when every handler has acknowledged it.
     */
    private void dispatch(String topic, byte[] payload, MqttTransport.Ack ack) {
        Subscription exact = subscriptions.get(topic);
        List<Subscription> wild = null;
        for (String filter : wildcardFilters) {
            Subscription s = subscriptions.get(filter);
            if (s != null && MqttTopic.isMatched(filter, topic)) {
                if (wild == null) {
                    wild = new ArrayList<>(2);
                }
                wild.add(s);
            }
        }
        if (wild == null) {
            if (exact == null) {
                ack.ack();
            } else {
                deliver(exact, topic, payload, ack);
            }
            return;
        }
        if (exact != null) {
            wild.add(exact);
        }
        MqttTransport.Ack shared = sharedAck(ack, wild.size());
        for (Subscription s : wild) {
            deliver(s, topic, payload, shared);
        }
    }

    private static MqttTransport.Ack sharedAck(MqttTransport.Ack ack, int parties) {
        AtomicInteger left = new AtomicInteger(parties);
        return () -> {
            if (left.decrementAndGet() == 0) {
                ack.ack();
            }
        };
    }

    private static void deliver(Subscription s, String topic, byte[] payload, MqttTransport.Ack ack) {
        try {
            s.handler().onMessage(topic, payload, ack);
        } catch (RuntimeException ex) {
            LOG.error("handler for {} failed on a message; continuing", topic, ex);
            ack.ack();
        }
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
    public void connectionListener(ConnectionListener l) {
        this.listener = l;
    }

    @Override
    public void subscribeDeferred(String topicFilter, int qos, DeferredHandler handler) {
        subscriptions.put(topicFilter, new Subscription(qos, handler));
        if (topicFilter.indexOf('+') >= 0 || topicFilter.indexOf('#') >= 0) {
            wildcardFilters.add(topicFilter);
        }
        if (client.isConnected()) {
            subscribeNow(topicFilter, subscriptions.get(topicFilter));
        }
    }

    /**
     * Renews every subscription in one SUBSCRIBE packet: Moquette 0.17 can drop SUBSCRIBEs that race
     * its handling of the CONNECT, and one packet gives that race one chance instead of many.
     */
    private void resubscribeAll() {
        List<Map.Entry<String, Subscription>> all = new ArrayList<>(subscriptions.entrySet());
        if (all.isEmpty()) {
            return;
        }
        String[] filters = new String[all.size()];
        int[] qos = new int[all.size()];
        for (int i = 0; i < filters.length; i++) {
            filters[i] = all.get(i).getKey();
            qos[i] = all.get(i).getValue().qos();
        }
        try {
            track(client.subscribe(filters, qos));
        } catch (MqttException e) {
            LOG.warn("subscribe to {} failed: {}", String.join(",", filters), e.getMessage());
        }
    }

    private void track(IMqttToken token) {
        synchronized (pendingSubacks) {
            pendingSubacks.removeIf(IMqttToken::isComplete);
            pendingSubacks.add(token);
        }
    }

    /**
     * Sends SUBSCRIBE without waiting for the SUBACK: this runs on Paho's callback thread too, and
     * waiting there while queued messages fill the delivery queue would stall the receiver;
     * {@link #connect} waits for the first ones on its caller's thread.
     */
    private void subscribeNow(String filter, Subscription s) {
        try {
            track(client.subscribe(filter, s.qos()));
        } catch (MqttException e) {
            LOG.warn("subscribe to {} failed: {}", filter, e.getMessage());
        }
    }

    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retained) {
        MqttMessage m = new MqttMessage(payload);
        m.setQos(qos);
        m.setRetained(retained);
        long backoff = 1;
        while (true) {
            try {
                client.publish(topic, m);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_MAX_INFLIGHT || closed) {
                    throw new MqttTransportException("publish to " + topic + ": " + e.getMessage(), e);
                }
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
        while (client.getPendingDeliveryTokens().length > 0) {
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
        if (connector != null) {
            connector.interrupt();
        }
        try {
            if (client.isConnected()) {
                client.disconnect(2_000).waitForCompletion(3_000);
            }
        } catch (MqttException e) {
            LOG.debug("disconnect: {}", e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("close: {}", e.getMessage());
        }
    }

    /**
     * The default listener: one WARN when the connection is lost, one INFO with the outage's length
     * when it is back, whatever the number of reconnect attempts between.
     */
    private static final class LoggingListener implements ConnectionListener {
        private final String url;
        private volatile long lostAtNanos = -1;

        LoggingListener(String url) {
            this.url = url;
        }

        @Override
        public void connectionLost(String cause) {
            lostAtNanos = System.nanoTime();
            LOG.warn("connection to {} lost: {}; reconnecting in the background", url, cause);
        }

        @Override
        public void connected() {
            long lost = lostAtNanos;
            if (lost >= 0) {
                lostAtNanos = -1;
                LOG.info("reconnected to {} after {} ms", url, (System.nanoTime() - lost) / 1_000_000);
            }
        }
    }
}
