package org.sensorrecovery.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.sensorrecovery.config.ArrayConfig;
import org.sensorrecovery.ingest.IngestCounters;
import org.sensorrecovery.ingest.RecentRejections;
import org.sensorrecovery.ingest.RejectReason;
import org.sensorrecovery.runtime.Gateway;
import org.sensorrecovery.runtime.Gateway.ArrayRuntime;
import org.sensorrecovery.uplink.Uplink;
import org.sensorrecovery.wire.EstimateCodec;
import org.sensorrecovery.wire.Rejection;
import org.sensorrecovery.wire.RejectionCodec;

/**
 * The JSON of /api/arrays, /api/arrays/{id} and the event stream: per array its config summary,
 * counters, the latest estimate exactly as published (the contract's JSON), the ground truth's
 * spectrum and the error against it, the last rejections and the newest timeline point (the
 * whole timeline for one array). One line, so that an SSE data field holds it.
 */
final class StateJson {

    private static final JsonFactory JSON = new JsonFactory();

    private StateJson() {
    }

    /** Every array, each with its newest point. */
    static byte[] all(Gateway g, List<ArrayTracker> trackers, long nowMillis) {
        return write(g, nowMillis, gen -> {
            gen.writeArrayFieldStart("arrays");
            for (ArrayTracker t : trackers) {
                array(gen, t, g.uplink(), nowMillis, false);
            }
            gen.writeEndArray();
        });
    }

    /** One array with its whole timeline under "history". */
    static byte[] one(Gateway g, ArrayTracker t, long nowMillis) {
        return write(g, nowMillis, gen -> {
            gen.writeFieldName("array");
            array(gen, t, g.uplink(), nowMillis, true);
        });
    }

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(Gateway g, long nowMillis, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        try (JsonGenerator gen = JSON.createGenerator(out)) {
            gen.writeStartObject();
            gen.writeStringField("runtime", g.config().runtimeId());
            gen.writeStringField("time", Instant.ofEpochMilli(nowMillis).toString());
            gen.writeObjectFieldStart("mqtt");
            gen.writeStringField("broker", g.brokerUrl());
            gen.writeBooleanField("connected", g.connected());
            gen.writeNumberField("reconnects", g.reconnects());
            gen.writeEndObject();
            body.write(gen);
            gen.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void array(JsonGenerator g, ArrayTracker t, Uplink uplink, long nowMillis, boolean history)
            throws IOException {
        ArrayRuntime a = t.array();
        ArrayConfig c = a.config();
        g.writeStartObject();
        g.writeStringField("id", c.id());
        shape(g, c);
        if (c.rankBound() == 0) {
            g.writeStringField("rankBound", "none");
        } else {
            g.writeNumberField("rankBound", c.rankBound());
        }
        g.writeNumberField("window", c.window());
        g.writeStringField("method", c.method().key());
        counters(g, a.ingest().counters());
        g.writeNumberField("measurements", a.worker().measurements());
        g.writeBooleanField("workerAlive", a.thread().isAlive());
        if (uplink != null) {
            g.writeNumberField("uplinkBacklog", uplink.backlog(c.id()));
        }
        long published = a.worker().stats().publishedAtMillis();
        number(g, "estimateAgeSeconds", published < 0 ? Double.NaN : Math.max(0, nowMillis - published) / 1e3);
        ArrayTimeline.Point p = t.timeline().latest();
        number(g, "rate", p == null ? Double.NaN : p.rate());
        number(g, "error", t.error());
        byte[] estimate = a.worker().latestMessage();
        g.writeFieldName("estimate");
        if (estimate == null) {
            g.writeNull();
        } else {
            g.writeRawValue(new String(estimate, StandardCharsets.UTF_8));
        }
        if (c.rectangular()) {
            rectangularTruth(g, t.gatewayRectangularTruth());
        } else {
            truth(g, t.gatewayTruth());
        }
        rejections(g, a.ingest().recentRejections().newestFirst());
        g.writeFieldName("point");
        point(g, p);
        if (history) {
            g.writeArrayFieldStart("history");
            for (ArrayTimeline.Point h : t.timeline().points()) {
                point(g, h);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** "kind" and "d", or "rows" and "cols" for a rectangular array. */
    static void shape(JsonGenerator g, ArrayConfig c) throws IOException {
        g.writeStringField("kind", c.kind().key());
        if (c.rectangular()) {
            g.writeNumberField("rows", c.rows());
            g.writeNumberField("cols", c.cols());
        } else {
            g.writeNumberField("d", c.d());
        }
    }

    private static void counters(JsonGenerator g, IngestCounters c) throws IOException {
        g.writeObjectFieldStart("counters");
        g.writeNumberField("received", c.received());
        g.writeNumberField("accepted", c.accepted());
        g.writeNumberField("rejected", c.rejected());
        g.writeNumberField("duplicates", c.duplicates());
        g.writeNumberField("missing", c.missing());
        g.writeObjectFieldStart("rejectedByReason");
        for (Map.Entry<RejectReason, Long> e : c.rejectedByReason().entrySet()) {
            if (e.getValue() > 0) {
                g.writeNumberField(e.getKey().label(), e.getValue());
            }
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    /** The truth's rank and eigenvalues (its eigenvectors stay server-side). */
    private static void truth(JsonGenerator g, EstimateCodec.Message truth) throws IOException {
        if (truth == null) {
            truthSummary(g, 0, null, null, null);
        } else {
            truthSummary(g, truth.rank(), "eigenvalues", truth.eigenvalues(), truth.updatedAt());
        }
    }

    /** A rectangular truth's rank and singular values (its vectors stay server-side). */
    private static void rectangularTruth(JsonGenerator g, EstimateCodec.SvdMessage truth) throws IOException {
        if (truth == null) {
            truthSummary(g, 0, null, null, null);
        } else {
            truthSummary(g, truth.rank(), "singularValues", truth.singularValues(), truth.updatedAt());
        }
    }

    /** The "truth" field: null without a truth (values == null), else rank, the spectrum under its name, updatedAt. */
    private static void truthSummary(JsonGenerator g, int rank, String valuesField, double[] values, String updatedAt)
            throws IOException {
        g.writeFieldName("truth");
        if (values == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeNumberField("rank", rank);
        g.writeFieldName(valuesField);
        g.writeArray(values, 0, values.length);
        if (updatedAt != null) {
            g.writeStringField("updatedAt", updatedAt);
        }
        g.writeEndObject();
    }

    private static void rejections(JsonGenerator g, List<RecentRejections.Entry> recent) throws IOException {
        g.writeArrayFieldStart("recentRejections");
        for (RecentRejections.Entry e : recent) {
            Rejection r = e.rejection();
            g.writeStartObject();
            g.writeStringField("at", Instant.ofEpochMilli(e.epochMillis()).toString());
            g.writeStringField("bucket", e.bucket().label());
            RejectionCodec.writeFields(g, r);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void point(JsonGenerator g, ArrayTimeline.Point p) throws IOException {
        if (p == null) {
            g.writeNull();
            return;
        }
        g.writeStartObject();
        g.writeNumberField("t", p.epochMillis());
        g.writeNumberField("accepted", p.accepted());
        g.writeNumberField("rejected", p.rejected());
        g.writeNumberField("measurements", p.measurements());
        number(g, "residual", p.residual());
        number(g, "error", p.error());
        g.writeNumberField("rank", p.rank());
        number(g, "rate", p.rate());
        g.writeEndObject();
    }

    /** A number, or null when not finite (JSON has no NaN). */
    private static void number(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(name, v);
        } else {
            g.writeNullField(name);
        }
    }
}
