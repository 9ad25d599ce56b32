package org.sensorrecovery.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.sensorrecovery.cluster.ArrayView;
import org.sensorrecovery.cluster.ClusterMember;
import org.sensorrecovery.config.ArrayConfig;

/**
 * /api/arrays of a cluster member: the arrays it owns now, each with its "owner" (this member),
 * in the gateway's shape where the fields mean the same, so `status` reads either.
 */
final class MemberJson {

    private static final JsonFactory JSON = new JsonFactory();

    private MemberJson() {
    }

    static byte[] all(ClusterMember m, String broker, boolean connected, long nowMillis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("runtime", m.id());
            g.writeStringField("time", Instant.ofEpochMilli(nowMillis).toString());
            g.writeObjectFieldStart("mqtt");
            g.writeStringField("broker", broker == null ? "none" : broker);
            g.writeBooleanField("connected", connected);
            g.writeNumberField("reconnects", 0);
            g.writeEndObject();
            g.writeObjectFieldStart("source");
            g.writeStringField("kafka", m.config().source().bootstrap());
            g.writeStringField("group", m.config().source().group());
            g.writeNumberField("assignments", m.rebalances());
            g.writeEndObject();
            g.writeArrayFieldStart("arrays");
            for (ArrayView a : m.arrays()) {
                array(g, a, nowMillis);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void array(JsonGenerator g, ArrayView a, long nowMillis) throws IOException {
        ArrayConfig c = a.config();
        g.writeStartObject();
        g.writeStringField("id", c.id());
        g.writeStringField("owner", a.owner());
        g.writeNumberField("partition", a.partition());
        StateJson.shape(g, c);
        g.writeNumberField("window", c.window());
        g.writeObjectFieldStart("counters");
        g.writeNumberField("accepted", a.measurements());
        g.writeNumberField("rejected", a.rejected());
        g.writeNumberField("duplicates", a.duplicates());
        g.writeEndObject();
        g.writeNumberField("measurements", a.measurements());
        g.writeNumberField("offset", a.offset());
        g.writeBooleanField("workerAlive", true);
        if (a.publishedAtMillis() >= 0) {
            g.writeNumberField("estimateAgeSeconds", Math.max(0, nowMillis - a.publishedAtMillis()) / 1e3);
        }
        g.writeFieldName("estimate");
        if (a.estimate() == null) {
            g.writeNull();
        } else {
            g.writeRawValue(new String(a.estimate(), StandardCharsets.UTF_8));
        }
        g.writeEndObject();
    }
}
