package org.sensorrecovery.wire;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The payload's encoding, detected as RFC 4627 (and the Jackson decoder this one replaced) did: a
 * byte order mark, else the pattern of zero bytes among the first four. UTF-8 (the contract's, and
 * every device's) is read in place; UTF-16 and UTF-32 payloads are transcoded to UTF-8 first.
 */
final class PayloadEncoding {

    private static final Charset UTF_32BE = Charset.forName("UTF-32BE");
    private static final Charset UTF_32LE = Charset.forName("UTF-32LE");

    private PayloadEncoding() {
    }

    /**
     * A cursor at the payload's first character.
     *
     * @throws JsonInput.Malformed when a UTF-32 payload is not valid UTF-32 or no encoding fits
     */
    static JsonInput open(byte[] payload) {
        int n = payload.length;
        if (n >= 4) {
            int quad = (payload[0] << 24) | ((payload[1] & 0xFF) << 16) | ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF);
            if ((quad >>> 8) == 0xEFBBBF) {
                return new JsonInput(payload, 3);
            }
            if (quad == 0x0000FEFF || (quad >> 8) == 0) {
                return transcode(payload, quad == 0x0000FEFF ? 4 : 0, UTF_32BE, true);
            }
            if (quad == 0xFFFE0000 || (quad & 0x00FFFFFF) == 0) {
                return transcode(payload, quad == 0xFFFE0000 ? 4 : 0, UTF_32LE, true);
            }
            if (quad == 0x0000FFFE || quad == 0xFEFF0000 || (quad & ~0x00FF0000) == 0 || (quad & ~0x0000FF00) == 0) {
                throw new JsonInput.Malformed("unsupported UCS-4 byte order", 0);
            }
            if ((quad >>> 16) == 0xFEFF) {
                return transcode(payload, 2, StandardCharsets.UTF_16BE, false);
            }
            if ((quad >>> 16) == 0xFFFE) {
                return transcode(payload, 2, StandardCharsets.UTF_16LE, false);
            }
        }
        if (n >= 2) {
            int pair = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
            if ((pair & 0xFF00) == 0) {
                return transcode(payload, 0, StandardCharsets.UTF_16BE, false);
            }
            if ((pair & 0x00FF) == 0) {
                return transcode(payload, 0, StandardCharsets.UTF_16LE, false);
            }
        }
        return new JsonInput(payload, 0);
    }

    /** UTF-16 replaces what it cannot decode (as a Reader does); UTF-32 refuses it. */
    private static JsonInput transcode(byte[] payload, int from, Charset charset, boolean strict) {
        String text;
        if (strict) {
            try {
                text = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(payload, from, payload.length - from)).toString();
            } catch (CharacterCodingException e) {
                throw new JsonInput.Malformed("invalid " + charset.name() + " input", 0);
            }
        } else {
            text = new String(payload, from, payload.length - from, charset);
        }
        return new JsonInput(text.getBytes(StandardCharsets.UTF_8), 0);
    }
}
