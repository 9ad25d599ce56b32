package org.sensorrecovery.mqtt;

import java.util.List;

import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;

/**
 * {@link MqttTransport} on Eclipse Paho mqttv3 1.2.5 (MQTT 3.1.1), the one the embedded broker
 * (Moquette 0.17) speaks. A broker decides alone how many unacknowledged messages it sends a 3.1.1
 * client (Mosquitto: max_inflight_messages, 20 by default) and queues the rest, dropping beyond its
 * queue limit: see {@link Paho5Transport} for a client that says how many it takes. In-flight QoS 1
 * messages are kept in memory across reconnects (the journal, not the client, is the durable store).
 */
public final class PahoTransport extends PahoClientTransport<PahoClients.V3> {

    private final MqttConnectOptions options;

    public PahoTransport(MqttSettings settings) {
        super(settings, PahoClients.V3::new);
        this.options = connectOptions(settings);
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                onConnected(reconnect);
            }

            @Override
            public void connectionLost(Throwable cause) {
                onConnectionLost(cause == null ? "unknown" : cause.getMessage());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                onMessage(topic, message.getPayload(), message.getId(), message.getQos(), List.of());
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
                // Nothing to do: QoS 1 acknowledgement.
            }
        });
    }

    private static MqttConnectOptions connectOptions(MqttSettings s) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(s.cleanSession());
        o.setAutomaticReconnect(true);
        o.setMaxReconnectDelay(FirstConnect.MAX_BACKOFF_MILLIS);
        o.setMaxInflight(s.maxInflight());
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        if (s.username() != null) {
            o.setUserName(s.username());
            o.setPassword(s.password() == null ? new char[0] : s.password());
        }
        BrokerSockets.configure(s, o::setSocketFactory);
        return o;
    }

    @Override
    void connectOnce() throws MqttException {
        client.connect(options).waitForCompletion(15_000);
    }

    /**
     * All filters in one SUBSCRIBE packet: Moquette 0.17 can drop SUBSCRIBEs that race its handling
     * of the CONNECT, and one packet gives that race one chance instead of many.
     */
    @Override
    Suback subscribeOnce(Subscriptions.Filters f) throws MqttException {
        IMqttToken token = client.subscribe(f.filters(), f.qos());
        return new Suback(f.toString(), () -> token.isComplete() && token.getException() == null,
                token::waitForCompletion);
    }

    @Override
    int pendingDeliveries() {
        return client.getPendingDeliveryTokens().length;
    }
}
