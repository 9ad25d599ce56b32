package org.sensorrecovery.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link MqttTransport} on Eclipse Paho's MQTT v5 client 1.2.5. Its CONNECT carries a Receive
 * Maximum of {@value #RECEIVE_MAXIMUM}: how many unacknowledged QoS 1 messages the broker may send
 * this client. Mosquitto 2.0 takes it in place of its own max_inflight_messages (20 by default), so
 * a burst goes out in flight instead of into the per-client queue (max_queued_messages, 1000 by
 * default) that a 3.1.1 client whose acknowledgements wait for the journal overflows, and loses.
 * Our own publishes are bounded by the broker's Receive Maximum in its CONNACK (the v5 client has
 * no max-inflight setting: {@link MqttSettings#maxInflight()} does not apply).
 */
public final class Paho5Transport extends PahoClientTransport<PahoClients.V5> {

    private static final Logger LOG = LoggerFactory.getLogger(Paho5Transport.class);

    /** The largest Receive Maximum MQTT v5 allows (a two-byte integer). */
    static final int RECEIVE_MAXIMUM = 65_535;
    /** A persistent session's expiry: 0xFFFFFFFF, never, as a 3.1.1 persistent session (the broker's limits still apply). */
    static final long SESSION_NEVER_EXPIRES = 0xFFFF_FFFFL;

    private final MqttConnectionOptions options;
    /**
     * Whether the broker takes subscription identifiers, as its first CONNACK said (until then
     * assumed: one that refuses them drops the connection, and the reconnect subscribes without).
     */
    private volatile boolean subscriptionIdentifiers = true;

    public Paho5Transport(MqttSettings settings) {
        super(settings, PahoClients.V5::new);
        this.options = connectionOptions(settings);
        client.setCallback(new Callback());
    }

    /** Paho's callback (its callback thread): hands everything to the shared transport. */
    private final class Callback implements MqttCallback {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            onConnected(reconnect);
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            onConnectionLost(cause(response));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            onMessage(topic, message.getPayload(), message.getId(), message.getQos(),
                    message.getProperties() == null ? List.of() : message.getProperties().getSubscriptionIdentifiers());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // Nothing to do: QoS 1 acknowledgement.
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT protocol error from {}: {}", settings.url(), exception.getMessage());
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // No enhanced authentication.
        }
    }

    private static String cause(MqttDisconnectResponse r) {
        if (r.getException() != null) {
            return r.getException().getMessage();
        }
        String reason = r.getReasonString();
        return "DISCONNECT from the broker, reason code " + r.getReturnCode() + (reason == null ? "" : " (" + reason + ")");
    }

    private static MqttConnectionOptions connectionOptions(MqttSettings s) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(s.cleanSession());
        if (!s.cleanSession()) {
            o.setSessionExpiryInterval(SESSION_NEVER_EXPIRES);
        }
        o.setReceiveMaximum(RECEIVE_MAXIMUM);
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, FirstConnect.MAX_BACKOFF_MILLIS / 1000);
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        if (s.username() != null) {
            o.setUserName(s.username());
            o.setPassword(new String(s.password() == null ? new char[0] : s.password()).getBytes(StandardCharsets.UTF_8));
        }
        BrokerSockets.configure(s, o::setSocketFactory);
        return o;
    }

    /**
     * Connects, and reads the broker's CONNACK: whether it takes subscription identifiers, and the
     * session expiry it grants, which may be shorter than asked: an outage longer than that loses
     * what it queued, said once, here.
     */
    @Override
    void connectOnce() throws MqttException {
        IMqttToken token = client.connect(options);
        token.waitForCompletion(15_000);
        MqttProperties connack = token.getResponseProperties();
        subscriptionIdentifiers = connack == null || connack.isSubscriptionIdentifiersAvailable();
        Long expiry = connack == null ? null : connack.getSessionExpiryInterval();
        if (!settings.cleanSession() && expiry != null && expiry < SESSION_NEVER_EXPIRES) {
            LOG.warn("broker {} keeps this runtime's session only {} s after a disconnect; a longer outage loses "
                    + "what it queued meanwhile", settings.url(), expiry);
        }
    }

    /**
     * One SUBSCRIBE per filter, each with the filter's subscription identifier: Mosquitto sends a v5
     * client one copy of a message per subscription it matches (2.0.11 src/database.c skips its
     * duplicate check for v5), and the identifier on each copy names the one handler it is for. A
     * broker without identifiers gets one packet of all filters, and handlers of overlapping
     * filters may then see a message twice (at least once, as the seam promises).
     */
    @Override
    Suback subscribeOnce(Subscriptions.Filters f) throws MqttException {
        if (!subscriptionIdentifiers) {
            return suback(f.toString(), List.of(client.subscribe(f.filters(), f.qos())));
        }
        List<IMqttToken> tokens = new ArrayList<>(f.filters().length);
        for (int i = 0; i < f.filters().length; i++) {
            MqttProperties identified = new MqttProperties();
            identified.setSubscriptionIdentifier(f.ids()[i]);
            MqttSubscription[] one = {new MqttSubscription(f.filters()[i], f.qos()[i])};
            tokens.add(client.subscribe(one, null, null, identified));
        }
        return suback(f.toString(), tokens);
    }

    private static Suback suback(String filters, List<IMqttToken> tokens) {
        return new Suback(filters, () -> tokens.stream().allMatch(t -> t.isComplete() && t.getException() == null
                && granted(t)), millis -> {
                    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
                    for (IMqttToken t : tokens) {
                        t.waitForCompletion(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                        if (!granted(t)) {
                            throw new MqttTransportException("refused, reason codes " + Arrays.toString(t.getReasonCodes()),
                                    null);
                        }
                    }
                });
    }

    /** A v5 SUBACK refuses a filter with a reason code of 0x80 or more, which Paho's v5 client does not make an exception. */
    private static boolean granted(IMqttToken token) {
        int[] codes = token.getReasonCodes();
        return codes == null || Arrays.stream(codes).allMatch(c -> c < 0x80);
    }

    @Override
    int pendingDeliveries() {
        return client.getPendingTokens().length;
    }
}
