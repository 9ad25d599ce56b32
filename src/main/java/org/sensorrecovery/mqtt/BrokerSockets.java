package org.sensorrecovery.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.function.Consumer;

import javax.net.SocketFactory;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The socket factory a Paho client of either version connects with. */
final class BrokerSockets {

    private BrokerSockets() {
    }

    /**
     * Gives a client's options its socket factory: buffered sockets for tcp://; for ssl:// a TLS
     * context from the configured trust and key stores, and nothing (the client's default, the
     * JVM's trust store) when neither is configured.
     *
     * @param options the client options' setSocketFactory
     * @throws MqttTransportException naming broker.tls when a store cannot be read
     */
    static void configure(MqttSettings s, Consumer<SocketFactory> options) {
        if (s.url().startsWith("tcp://")) {
            options.accept(new BufferedSocketFactory());
        } else if (s.trustStore() != null || s.keyStore() != null) {
            options.accept(sslContext(s).getSocketFactory());
        }
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
}
