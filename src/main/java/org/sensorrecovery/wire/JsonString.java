package org.sensorrecovery.wire;

/**
 * JSON strings in UTF-8, checked and decoded as the previous (Jackson 2.18) decoder did: control
 * characters refused, the JSON escapes with any 4 hex digits after backslash-u (lone surrogates
 * kept), UTF-8 checked for lead and continuation bytes only.
 */
final class JsonString {

    private JsonString() {
    }

    /** Checks the string from pos to its closing quote, appending its characters to out when given. */
    static void scan(JsonInput in, StringBuilder out) {
        byte[] b = in.buf;
        int end = in.end;
        int p = in.pos;
        while (true) {
            if (p >= end) {
                throw in.malformedAt(p, "unexpected end of input in a string");
            }
            int c = b[p++] & 0xFF;
            if (c == '"') {
                break;
            } else if (c == '\\') {
                p = escape(in, p, out);
            } else if (c < 0x20) {
                throw in.malformedAt(p - 1, "control character " + c + " in a string");
            } else if (c < 0x80) {
                append(out, c);
            } else {
                p = utf8(in, p, c, out);
            }
        }
        in.pos = p;
    }

    private static int escape(JsonInput in, int p, StringBuilder out) {
        byte[] buf = in.buf;
        int end = in.end;
        if (p >= end) {
            throw in.malformedAt(p, "unexpected end of input in an escape");
        }
        int c = buf[p++];
        int ch;
        switch (c) {
            case '"', '\\', '/' -> ch = c;
            case 'b' -> ch = '\b';
            case 'f' -> ch = '\f';
            case 'n' -> ch = '\n';
            case 'r' -> ch = '\r';
            case 't' -> ch = '\t';
            case 'u' -> {
                ch = 0;
                for (int k = 0; k < 4; k++, p++) {
                    int h = p < end ? Character.digit(buf[p], 16) : -1;
                    if (h < 0) {
                        throw in.malformedAt(p, "expected 4 hex digits after \\u");
                    }
                    ch = (ch << 4) | h;
                }
            }
            default -> throw in.malformedAt(p - 1, "unrecognized escape \\" + (char) (c & 0xFF));
        }
        append(out, ch);
        return p;
    }

    /** One multi-byte UTF-8 character from lead byte c (taken); p is after it. */
    private static int utf8(JsonInput in, int p, int c, StringBuilder out) {
        byte[] buf = in.buf;
        int end = in.end;
        int needed;
        int cp;
        if ((c & 0xE0) == 0xC0) {
            needed = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            needed = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            needed = 3;
            cp = c & 0x07;
        } else {
            throw in.malformedAt(p - 1, "invalid UTF-8 start byte 0x" + Integer.toHexString(c));
        }
        for (int k = 0; k < needed; k++, p++) {
            if (p >= end) {
                throw in.malformedAt(p, "unexpected end of input in a UTF-8 character");
            }
            int d = buf[p];
            if ((d & 0xC0) != 0x80) {
                throw in.malformedAt(p, "invalid UTF-8 continuation byte 0x" + Integer.toHexString(d & 0xFF));
            }
            cp = (cp << 6) | (d & 0x3F);
        }
        if (out != null) {
            if (needed == 3) {
                cp -= 0x10000;
                out.append((char) (0xD800 | (cp >> 10))).append((char) (0xDC00 | (cp & 0x3FF)));
            } else {
                out.append((char) cp);
            }
        }
        return p;
    }

    private static void append(StringBuilder out, int c) {
        if (out != null) {
            out.append((char) c);
        }
    }

    /** The code point starting with byte c at p, for the word-end check (UTF-8 checked as in strings). */
    static int codePointAt(JsonInput in, int p, int c) {
        byte[] buf = in.buf;
        int end = in.end;
        if (c < 0x80) {
            return c;
        }
        int needed = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 0;
        if (needed == 0) {
            throw in.malformedAt(p, "invalid UTF-8 start byte 0x" + Integer.toHexString(c));
        }
        int cp = c & (0x3F >> needed);
        for (int k = 1; k <= needed; k++) {
            if (p + k >= end || (buf[p + k] & 0xC0) != 0x80) {
                throw in.malformedAt(p + k, "invalid UTF-8 character");
            }
            cp = (cp << 6) | (buf[p + k] & 0x3F);
        }
        return cp;
    }
}
