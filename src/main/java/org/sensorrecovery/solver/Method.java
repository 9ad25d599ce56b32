package org.sensorrecovery.solver;

import java.util.Locale;

/** The update rule. */
public enum Method {
    /** Plain gradient descent, U &lt;- U - eta grad (Li, Ma &amp; Zhang 2018). */
    GD,
    /** U &lt;- U - eta grad (U^T U + lambda I)^{-1} with lambda tied to the loss (PrecGD, Zhang, Fattahi &amp; Zhang 2021). */
    PRECOND;

    /** The key in configs and on the command line: the name in lower case. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Method fromKey(String key) {
        for (Method m : values()) {
            if (m.key().equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + key + "', expected gd or precond");
    }

    @Override
    public String toString() {
        return key();
    }
}
