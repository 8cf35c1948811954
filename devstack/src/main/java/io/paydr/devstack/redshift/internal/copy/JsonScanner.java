package io.paydr.devstack.redshift.internal.copy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;

/**
 * A strict JSON (RFC 8259) reader over UTF-8 bytes that never decodes to chars: string contents are validated
 * and copied through as UTF-8 bytes, escaped for PostgreSQL COPY text format when asked, so a row's values
 * go from the S3 object to the COPY stream without String, char[] or number objects in between.
 */
final class JsonScanner {

    /** Where string contents, numbers and literals go. */
    interface Out {
        void write(byte[] bytes, int offset, int length);

        void write(int b);
    }

    /** Discards what it is given: for values no column takes. */
    static final Out DISCARD = new Out() {
        @Override
        public void write(byte[] bytes, int offset, int length) {
        }

        @Override
        public void write(int b) {
        }
    };

    static final int END = -1;
    private static final int MAX_DEPTH = 1000;
    /** Bytes a plain run of string content stops at: quote, backslash, control characters and non-ASCII. */
    private static final boolean[] STOPS_RUN = new boolean[256];

    static {
        for (int b = 0; b < 256; b++) {
            STOPS_RUN[b] = b < 0x20 || b >= 0x80 || b == '"' || b == '\\';
        }
    }

    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private final JsonStringParts strings;
    private int pos;
    private int limit;
    private int line = 1;
    private boolean afterCr;
    private ByteArrayOutputStream capture;
    private int captureFrom;

    /** {@code invalidUtf8Replacement}: UTF-8 bytes that replace each invalid sequence in a string, or null to fail. */
    JsonScanner(InputStream in, byte[] invalidUtf8Replacement) throws IOException {
        this.in = in;
        this.strings = new JsonStringParts(this, invalidUtf8Replacement);
        skipByteOrderMark();
    }

    int line() {
        return line;
    }

    /** The next byte that is not whitespace, not consumed, or {@link #END}; counts the lines it passes. */
    int peekToken() throws IOException {
        afterCr = false;
        while (true) {
            if (pos == limit && !fill()) {
                return END;
            }
            int c = buf[pos] & 0xFF;
            switch (c) {
                case ' ', '\t' -> afterCr = false;
                case '\n' -> {
                    if (!afterCr) {
                        line++;
                    }
                    afterCr = false;
                }
                case '\r' -> {
                    line++;
                    afterCr = true;
                }
                default -> {
                    return c;
                }
            }
            pos++;
        }
    }

    /** Consumes the next token byte, which must be {@code expected}. */
    void expect(int expected, String what) throws IOException, JsonRowConverter.BadJson {
        int c = peekToken();
        if (c != expected) {
            throw invalid("expected " + what + " but found " + describe(c));
        }
        pos++;
    }

    /**
     * Consumes {@code expected} if the input continues with exactly those bytes (within the buffer at hand):
     * lets a key that repeats row after row be recognised without decoding it.
     */
    boolean skipIfNext(byte[] expected) {
        int n = expected.length;
        if (limit - pos < n || !Arrays.equals(buf, pos, pos + n, expected, 0, n)) {
            return false;
        }
        pos += n;
        return true;
    }

    /** Consumes the byte {@link #peekToken} returned. */
    void skipPeeked() {
        pos++;
    }

    /** Reads a string after its opening quote up to and including the closing one; COPY-escapes when {@code copyText}. */
    void string(Out out, boolean copyText) throws IOException, JsonRowConverter.BadJson {
        while (true) {
            byte[] b = buf;
            int p = pos;
            int l = limit;
            int start = p;
            while (p < l && !STOPS_RUN[b[p] & 0xFF]) {
                p++;
            }
            out.write(b, start, p - start);
            pos = p;
            if (p == l) {
                if (!fill()) {
                    throw invalid("unterminated string");
                }
                continue;
            }
            int c = b[p] & 0xFF;
            pos++;
            if (c == '"') {
                return;
            } else if (c == '\\') {
                strings.escape(out, copyText);
            } else if (c < 0x20) {
                throw invalid("unescaped control character 0x" + Integer.toHexString(c) + " in a string");
            } else {
                strings.multiByte(c, out, copyText);
            }
        }
    }

    /** A number as written, checked against JSON's grammar. */
    void number(Out out) throws IOException, JsonRowConverter.BadJson {
        int c = peekByte();
        if (c == '-') {
            take(out);
            c = peekByte();
        }
        if (c == '0') {
            take(out);
        } else if (digits(out) == 0) {
            throw invalid("a number needs digits, found " + describe(peekByte()));
        }
        if (peekByte() == '.') {
            take(out);
            if (digits(out) == 0) {
                throw invalid("a number needs digits after '.', found " + describe(peekByte()));
            }
        }
        c = peekByte();
        if (c == 'e' || c == 'E') {
            take(out);
            c = peekByte();
            if (c == '+' || c == '-') {
                take(out);
            }
            if (digits(out) == 0) {
                throw invalid("a number needs digits in its exponent, found " + describe(peekByte()));
            }
        }
    }

    /** Consumes {@code word} (true, false, null), the first letter of which was peeked. */
    void literal(String word) throws IOException, JsonRowConverter.BadJson {
        for (int i = 0; i < word.length(); i++) {
            if (peekByte() != word.charAt(i)) {
                throw invalid("unrecognised token, expected '" + word + "'");
            }
            pos++;
        }
    }

    /** Validates and passes over any value. */
    void skipValue() throws IOException, JsonRowConverter.BadJson {
        value(DISCARD, 0);
    }

    /** The bytes of an object or array value exactly as written, validated. */
    byte[] rawStructure() throws IOException, JsonRowConverter.BadJson {
        capture = new ByteArrayOutputStream();
        captureFrom = pos;
        try {
            value(DISCARD, 0);
            capture.write(buf, captureFrom, pos - captureFrom);
            return capture.toByteArray();
        } finally {
            capture = null;
        }
    }

    private void value(Out out, int depth) throws IOException, JsonRowConverter.BadJson {
        int c = peekToken();
        switch (c) {
            case '"' -> {
                pos++;
                string(out, false);
            }
            case '{', '[' -> structure(c, depth + 1);
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> {
                if (c != '-' && (c < '0' || c > '9')) {
                    throw invalid("expected a value but found " + describe(c));
                }
                number(out);
            }
        }
    }

    private void structure(int open, int depth) throws IOException, JsonRowConverter.BadJson {
        if (depth > MAX_DEPTH) {
            throw invalid("nesting deeper than " + MAX_DEPTH + " levels");
        }
        pos++;
        int close = open == '{' ? '}' : ']';
        if (peekToken() == close) {
            pos++;
            return;
        }
        while (true) {
            if (open == '{') {
                expect('"', "a key in quotes");
                string(DISCARD, false);
                expect(':', "':' after a key");
            }
            value(DISCARD, depth);
            int c = peekToken();
            pos++;
            if (c == close) {
                return;
            }
            if (c != ',') {
                throw invalid("expected ',' or '" + (char) close + "' but found " + describe(c));
            }
        }
    }

    /** A run of digits, written at once; returns how many there were. */
    private int digits(Out out) throws IOException {
        int n = 0;
        while (true) {
            byte[] b = buf;
            int p = pos;
            int l = limit;
            int start = p;
            while (p < l && b[p] >= '0' && b[p] <= '9') {
                p++;
            }
            out.write(b, start, p - start);
            n += p - start;
            pos = p;
            if (p < l || !fill()) {
                return n;
            }
        }
    }

    private void take(Out out) {
        out.write(buf[pos++] & 0xFF);
    }

    /** Consumes the byte {@link #peekByte} returned. */
    void advance() {
        pos++;
    }

    /** The next byte, not consumed, or {@link #END}. */
    int peekByte() throws IOException {
        if (pos == limit && !fill()) {
            return END;
        }
        return buf[pos] & 0xFF;
    }

    /** Refills the buffer once it is used up; false at the end of the input. */
    private boolean fill() throws IOException {
        if (capture != null) {
            capture.write(buf, captureFrom, limit - captureFrom);
            captureFrom = 0;
        }
        pos = 0;
        limit = 0;
        int n;
        do {
            n = in.read(buf, 0, buf.length);
        } while (n == 0);
        if (n < 0) {
            return false;
        }
        limit = n;
        return true;
    }

    private void skipByteOrderMark() throws IOException {
        if (peekByte() == 0xEF) {
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            int have = Math.min(3, limit - pos);
            if (have == 3 && Arrays.equals(buf, pos, pos + 3, bom, 0, 3)) {
                pos += 3;
            }
        }
    }

    JsonRowConverter.BadJson invalid(String message) {
        return new JsonRowConverter.BadJson(line, "invalid JSON: " + message);
    }

    static String describe(int c) {
        if (c == END) {
            return "the end of the input";
        }
        return c >= 0x20 && c < 0x7F ? "'" + (char) c + "'" : "byte 0x" + Integer.toHexString(c).toUpperCase(Locale.ROOT);
    }
}
