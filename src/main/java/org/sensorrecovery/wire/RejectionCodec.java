package org.sensorrecovery.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The rejected-topic message of the wire contract: {"reason": "...", "device": ..., "seq": ...},
 * plus "index" (position in the batch, -1 for the whole message). device and seq are null when the
 * message was too broken to tell them.
 */
public final class RejectionCodec {

    private static final JsonFactory JSON = new JsonFactory();

    private RejectionCodec() {
    }

    public static byte[] encode(Rejection r) {
        return encode(r, 0);
    }

    /**
     * @param suppressed rejections of the same device left unsent since the last one sent (rate
     *                   limit); written as "suppressed" when above 0, a field subscribers may ignore
     */
    public static byte[] encode(Rejection r, long suppressed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(112 + r.reason().length());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            writeFields(g, r);
            if (suppressed > 0) {
                g.writeNumberField("suppressed", suppressed);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The contract's fields of a rejection, reason, device, seq and index, into an open object. */
    public static void writeFields(JsonGenerator g, Rejection r) throws IOException {
        g.writeStringField("reason", r.reason());
        if (r.device() == null) {
            g.writeNullField("device");
        } else {
            g.writeStringField("device", r.device());
        }
        if (r.seq() == null) {
            g.writeNullField("seq");
        } else {
            g.writeNumberField("seq", r.seq());
        }
        g.writeNumberField("index", r.index());
    }
}
