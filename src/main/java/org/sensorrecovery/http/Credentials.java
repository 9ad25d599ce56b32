package org.sensorrecovery.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.sensorrecovery.config.HttpConfig;

/**
 * Who may read: with a token, "Authorization: Bearer TOKEN" (Prometheus, status); with a password,
 * HTTP basic auth (browsers: EventSource sends the cached credentials). Without either (loopback
 * only, enforced by {@link HttpConfig}) everyone on the machine may. Comparisons are of SHA-256
 * digests in constant time, so neither the secret nor its length leaks through timing.
 */
final class Credentials {

    private final byte[] bearer;
    private final byte[] basic;

    Credentials(HttpConfig c) {
        this.bearer = c.token() == null ? null : digest("Bearer " + c.token());
        this.basic = c.password() == null ? null : digest("Basic " + Base64.getEncoder()
                .encodeToString((c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8)));
    }

    boolean required() {
        return bearer != null || basic != null;
    }

    /** Whether a request with this Authorization header (null when absent) may read. */
    boolean accepts(String authorization) {
        if (!required()) {
            return true;
        }
        if (authorization == null) {
            return false;
        }
        byte[] given = digest(authorization.trim());
        boolean ok = false;
        // Both compared, always: which one is configured must not show in the timing either.
        ok |= bearer != null && MessageDigest.isEqual(given, bearer);
        ok |= basic != null && MessageDigest.isEqual(given, basic);
        return ok;
    }

    /** The WWW-Authenticate challenge of a 401. */
    String challenge() {
        return basic != null ? "Basic realm=\"sensor-recovery\", charset=\"UTF-8\"" : "Bearer realm=\"sensor-recovery\"";
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
