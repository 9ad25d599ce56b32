package org.sensorrecovery.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.sensorrecovery.cluster.ClusterMember;
import org.sensorrecovery.runtime.Gateway;
import org.sensorrecovery.runtime.Gateway.ArrayRuntime;

/**
 * /healthz: healthy while the broker is connected, every worker runs and the data directory has
 * more free space than the journal reserve; otherwise every reason that is not met.
 *
 * @param reasons empty when healthy
 */
record Health(List<String> reasons) {

    private static final JsonFactory JSON = new JsonFactory();

    static Health of(Gateway g) {
        List<String> reasons = new ArrayList<>();
        if (!g.connected()) {
            reasons.add("mqtt: not connected to " + g.brokerUrl());
        }
        if (!g.ingestAlive()) {
            reasons.add("ingest: not running");
        }
        for (ArrayRuntime a : g.arrays()) {
            int paused = a.ingest().pausedMessages();
            if (paused > 0) {
                reasons.add("ingest " + a.config().id() + ": paused, " + paused
                        + " messages unacknowledged until the journal has space");
            }
            if (!a.thread().isAlive() && (g.uplink() == null || g.config().uplink().localSolver())) {
                reasons.add("worker " + a.config().id() + ": not running");
            }
            if (a.journal().full()) {
                reasons.add("journal " + a.config().id() + ": appends refused, disk below the reserve");
            }
        }
        long free = g.freeBytes();
        long reserve = Math.max(1, g.config().reserveBytes());
        if (free >= 0 && free < reserve) {
            reasons.add("disk: " + free + " bytes free in " + g.config().dataDir() + ", below the reserve of " + reserve);
        }
        return new Health(List.copyOf(reasons));
    }

    /** A cluster member: healthy while its thread runs (Kafka's own client retries the connection). */
    static Health of(ClusterMember m) {
        return new Health(m.alive() ? List.of() : List.of("member " + m.id() + ": not running"));
    }

    boolean ok() {
        return reasons.isEmpty();
    }

    byte[] json() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("status", ok() ? "ok" : "unavailable");
            g.writeArrayFieldStart("reasons");
            for (String r : reasons) {
                g.writeString(r);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }
}
