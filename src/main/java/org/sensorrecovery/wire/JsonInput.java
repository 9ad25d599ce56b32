package org.sensorrecovery.wire;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over one UTF-8 JSON payload: whitespace, punctuation, strings, words and whole values
 * skipped with full validation. Strict and lenient exactly where the previous (Jackson 2.18)
 * decoder was: whitespace is space, tab, CR and LF; no comments, single quotes or trailing
 * commas; nesting at most {@value #MAX_DEPTH} deep; field names at most
 * {@value #MAX_NAME_LENGTH} characters; UTF-8 checked for lead and continuation bytes only.
 * One per decode call; not thread-safe.
 */
final class JsonInput {

    static final int MAX_DEPTH = 8;
    static final int MAX_NAME_LENGTH = 50_000;

    final byte[] buf;
    final int end;
    int pos;
    int depth;
    final JsonNumber number = new JsonNumber();
    /** For strings with escapes or non-ASCII characters; made on first need. */
    private StringBuilder text;

    JsonInput(byte[] buf, int pos) {
        this.buf = buf;
        this.pos = pos;
        this.end = buf.length;
    }

    /** Skips whitespace; returns the next byte (0-255) without taking it, or -1 at the end. */
    int peek() {
        byte[] b = buf;
        int p = pos;
        while (p < end) {
            int c = b[p];
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                p++;
            } else {
                pos = p;
                return c & 0xFF;
            }
        }
        pos = p;
        return -1;
    }

    /** The next non-whitespace byte, taken; malformed at the end of input. */
    int next(String expected) {
        int c = peek();
        if (c < 0) {
            throw malformedAt(pos, "unexpected end of input, expected " + expected);
        }
        pos++;
        return c;
    }

    /** Takes the expected punctuation byte after optional whitespace. */
    void expect(char c, String what) {
        int got = next(what);
        if (got != c) {
            throw unexpected(pos - 1, what);
        }
    }

    /** Enters an array or object (the caller took its opening byte). */
    void enter() {
        if (++depth > MAX_DEPTH) {
            throw malformedAt(pos - 1, "nesting deeper than " + MAX_DEPTH);
        }
    }

    static boolean startsNumber(int c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == 'N' || c == 'I';
    }

    /** Reads a number token at pos; the result is in {@link #number}. */
    JsonNumber readNumber() {
        number.read(this);
        return number;
    }

    /**
     * Reads a string whose opening quote is at pos - 1. ASCII without escapes (the usual case) is
     * copied straight from the payload; otherwise decoded as the previous decoder did (any 4 hex
     * digits after backslash-u, lone surrogates kept).
     */
    String readString() {
        byte[] b = buf;
        int startAt = pos;
        for (int p = startAt; p < end; p++) {
            int c = b[p];
            if (c == '"') {
                pos = p + 1;
                return new String(b, startAt, p - startAt, StandardCharsets.ISO_8859_1);
            }
            if (c < 0x20 || c == '\\') { // also every byte >= 0x80, negative as a Java byte
                break;
            }
        }
        if (text == null) {
            text = new StringBuilder();
        }
        text.setLength(0);
        JsonString.scan(this, text);
        return text.toString();
    }

    /** Skips a string whose opening quote is at pos - 1, checking it. */
    void skipString() {
        JsonString.scan(this, null);
    }

    /**
     * Takes the word (true, NaN, Infinity...) at p, whose first byte is already known; the next byte
     * must not continue it as an identifier would.
     */
    void matchWord(int p, String word) {
        int n = word.length();
        for (int k = 1; k < n; k++) {
            if (p + k >= end || buf[p + k] != word.charAt(k)) {
                throw malformedAt(p, "unrecognized token, expected '" + word + "'");
            }
        }
        pos = p + n;
        if (pos < end) {
            int c = buf[pos] & 0xFF;
            if (c >= '0' && c != ']' && c != '}' && Character.isJavaIdentifierPart((char) JsonString.codePointAt(this, pos, c))) {
                throw malformedAt(p, "unrecognized token after '" + word + "'");
            }
        }
    }

    /** Skips one whole value starting at pos (after whitespace), checking it all. */
    void skipValue() {
        int c = next("a value");
        switch (c) {
            case '{' -> skipObject();
            case '[' -> skipArray();
            case '"' -> skipString();
            case 't' -> matchWord(pos - 1, "true");
            case 'f' -> matchWord(pos - 1, "false");
            case 'n' -> matchWord(pos - 1, "null");
            default -> {
                pos--;
                if (!startsNumber(c)) {
                    throw unexpected(pos, "a value");
                }
                readNumber();
            }
        }
    }

    private void skipObject() {
        enter();
        if (peek() == '}') {
            pos++;
        } else {
            do {
                expect('"', "a field name");
                skipName();
                expect(':', "':'");
                skipValue();
            } while (nextInObject());
        }
        depth--;
    }

    /** Skips a field name (opening quote taken), checking its length. */
    void skipName() {
        int from = pos;
        skipString();
        if (pos - from - 1 > MAX_NAME_LENGTH && readNameAt(from).length() > MAX_NAME_LENGTH) {
            throw malformedAt(from, "field name longer than " + MAX_NAME_LENGTH + " characters");
        }
    }

    private String readNameAt(int from) {
        int after = pos;
        pos = from;
        String s = readString();
        pos = after;
        return s;
    }

    /** Skips the rest of an array whose opening bracket was taken (depth already counted). */
    void skipArray() {
        enter();
        skipArrayRest(true);
    }

    /** Skips array elements up to and including the closing bracket; first: nothing read yet. */
    void skipArrayRest(boolean first) {
        if (first && peek() == ']') {
            pos++;
        } else {
            if (first) {
                skipValue();
            }
            while (nextInArray()) {
                skipValue();
            }
        }
        depth--;
    }

    /** After an object member: true for ',', false for '}' (taken). */
    boolean nextInObject() {
        int c = next("',' or '}'");
        if (c == ',') {
            return true;
        }
        if (c != '}') {
            throw unexpected(pos - 1, "',' or '}'");
        }
        return false;
    }

    /** After an array element: true for ',', false for ']' (taken). */
    boolean nextInArray() {
        int c = next("',' or ']'");
        if (c == ',') {
            return true;
        }
        if (c != ']') {
            throw unexpected(pos - 1, "',' or ']'");
        }
        return false;
    }

    Malformed unexpected(int at, String expected) {
        int c = buf[at] & 0xFF;
        String shown = c >= 0x20 && c < 0x7F ? "'" + (char) c + "'" : "byte 0x" + Integer.toHexString(c);
        return malformedAt(at, "unexpected " + shown + ", expected " + expected);
    }

    Malformed malformedAt(int at, String problem) {
        return new Malformed(problem, at);
    }

    /** "at line L, column C" for a byte offset (lines end at LF, CR or CRLF; columns count bytes from 1). */
    String location(int at) {
        int line = 1;
        int lineStart = 0;
        for (int p = 0; p < at && p < end; p++) {
            if (buf[p] == '\n' || (buf[p] == '\r' && (p + 1 >= end || buf[p + 1] != '\n'))) {
                line++;
                lineStart = p + 1;
            }
        }
        return "at line " + line + ", column " + (at - lineStart + 1);
    }

    /** The payload is not JSON: the message is refused from here on. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int at;

        Malformed(String problem, int at) {
            super(problem, null, false, false);
            this.at = at;
        }
    }
}
