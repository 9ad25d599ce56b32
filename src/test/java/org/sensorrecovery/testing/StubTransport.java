package org.sensorrecovery.testing;

import org.sensorrecovery.mqtt.MqttTransport;

/**
 * A client that is always connected and takes no subscriptions, for tests of what publishes:
 * subclasses say what publish does.
 */
public abstract class StubTransport implements MqttTransport {

    @Override
    public boolean connect(long timeoutMillis) {
        return true;
    }

    @Override
    public void subscribe(String topicFilter, int qos, Handler handler) {
    }

    @Override
    public void subscribeDeferred(String topicFilter, int qos, DeferredHandler handler) {
    }

    @Override
    public boolean awaitSubscribed(long timeoutMillis) {
        return true;
    }

    @Override
    public void connectionListener(ConnectionListener listener) {
    }

    @Override
    public boolean awaitDelivered(long timeoutMillis) {
        return true;
    }

    @Override
    public boolean connected() {
        return true;
    }

    @Override
    public long reconnects() {
        return 0;
    }

    @Override
    public void close() {
    }
}
