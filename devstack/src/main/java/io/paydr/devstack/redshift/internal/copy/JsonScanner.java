package io.paydr.devstack.redshift.internal.copy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

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
    private final byte[] invalidUtf8Replacement;
    private int pos;
    private int limit;
    private int line = 1;
    private boolean afterCr;
    private ByteArrayOutputStream capture;
    private int captureFrom;

    /** {@code invalidUtf8Replacement}: UTF-8 bytes that replace each invalid sequence in a string, or null to fail. */
    JsonScanner(InputStream in, byte[] invalidUtf8Replacement) throws IOException {
        this.in = in;
        this.invalidUtf8Replacement = invalidUtf8Replacement;
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
                escape(out, copyText);
            } else if (c < 0x20) {
                throw invalid("unescaped control character 0x" + Integer.toHexString(c) + " in a string");
            } else {
                multiByte(c, out, copyText);
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

    private void escape(Out out, boolean copyText) throws IOException, JsonRowConverter.BadJson {
        int c = peekByte();
        pos++;
        switch (c) {
            case '"', '/' -> out.write(c);
            case '\\' -> codePoint('\\', out, copyText);
            case 'b' -> codePoint('\b', out, copyText);
            case 'f' -> codePoint('\f', out, copyText);
            case 'n' -> codePoint('\n', out, copyText);
            case 'r' -> codePoint('\r', out, copyText);
            case 't' -> codePoint('\t', out, copyText);
            case 'u' -> codePoint(unicodeEscape(), out, copyText);
            default -> throw invalid("unrecognised escape '\\" + (c == END ? "" : String.valueOf((char) c)) + "' in a string");
        }
    }

    /** After {@code \\u}: the code point, joining a surrogate pair written as two escapes. */
    private int unicodeEscape() throws IOException, JsonRowConverter.BadJson {
        int unit = hex4();
        if (Character.isLowSurrogate((char) unit)) {
            throw invalid("unpaired surrogate \\u" + Integer.toHexString(unit) + " in a string");
        }
        if (!Character.isHighSurrogate((char) unit)) {
            return unit;
        }
        if (peekByte() != '\\') {
            throw invalid("unpaired surrogate \\u" + Integer.toHexString(unit) + " in a string");
        }
        pos++;
        if (peekByte() != 'u') {
            throw invalid("unpaired surrogate \\u" + Integer.toHexString(unit) + " in a string");
        }
        pos++;
        int low = hex4();
        if (!Character.isLowSurrogate((char) low)) {
            throw invalid("unpaired surrogate \\u" + Integer.toHexString(unit) + " in a string");
        }
        return Character.toCodePoint((char) unit, (char) low);
    }

    private int hex4() throws IOException, JsonRowConverter.BadJson {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(peekByte(), 16);
            if (d < 0) {
                throw invalid("\\u needs four hex digits");
            }
            pos++;
            v = v << 4 | d;
        }
        return v;
    }

    /** A decoded escape: COPY text escapes backslash and control characters; other code points go out as UTF-8. */
    private static void codePoint(int cp, Out out, boolean copyText) {
        if (copyText && (cp < 0x20 || cp == '\\')) {
            CopyTextBuffer.escape(cp, out);
        } else if (cp < 0x80) {
            out.write(cp);
        } else if (cp < 0x800) {
            out.write(0xC0 | cp >> 6);
            out.write(0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            out.write(0xE0 | cp >> 12);
            out.write(0x80 | cp >> 6 & 0x3F);
            out.write(0x80 | cp & 0x3F);
        } else {
            out.write(0xF0 | cp >> 18);
            out.write(0x80 | cp >> 12 & 0x3F);
            out.write(0x80 | cp >> 6 & 0x3F);
            out.write(0x80 | cp & 0x3F);
        }
    }

    /**
     * A multi-byte UTF-8 sequence whose lead byte was consumed, checked as Unicode defines well-formed UTF-8 (no
     * overlong forms, surrogates or code points past U+10FFFF) and copied through. An ill-formed sequence fails,
     * or, with a replacement, is replaced as one unit up to the byte that broke it (the "maximal subpart" that
     * Java's own decoder replaces too).
     */
    private void multiByte(int lead, Out out, boolean copyText) throws IOException, JsonRowConverter.BadJson {
        int continuation;
        int low = 0x80;
        int high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            continuation = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            continuation = 2;
            low = lead == 0xE0 ? 0xA0 : 0x80;
            high = lead == 0xED ? 0x9F : 0xBF;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            continuation = 3;
            low = lead == 0xF0 ? 0x90 : 0x80;
            high = lead == 0xF4 ? 0x8F : 0xBF;
        } else {
            invalidUtf8(lead, out, copyText);
            return;
        }
        int sequence = lead;
        for (int i = 1; i <= continuation; i++) {
            int c = peekByte();
            if (c < low || c > high) {
                invalidUtf8(lead, out, copyText);
                return;
            }
            pos++;
            sequence = sequence << 8 | c;
            low = 0x80;
            high = 0xBF;
        }
        for (int shift = 8 * continuation; shift >= 0; shift -= 8) {
            out.write(sequence >>> shift & 0xFF);
        }
    }

    private void invalidUtf8(int lead, Out out, boolean copyText) throws JsonRowConverter.BadJson {
        if (invalidUtf8Replacement == null) {
            throw new JsonRowConverter.BadJson(line, "invalid UTF-8 byte sequence starting with 0x"
                    + Integer.toHexString(lead).toUpperCase(java.util.Locale.ROOT) + " (ACCEPTINVCHARS replaces it)");
        }
        for (byte r : invalidUtf8Replacement) {
            if (copyText && (r == '\\' || (r >= 0 && r < 0x20))) {
                CopyTextBuffer.escape(r, out);
            } else {
                out.write(r & 0xFF);
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

    /** The next byte, not consumed, or {@link #END}. */
    private int peekByte() throws IOException {
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
        return c >= 0x20 && c < 0x7F ? "'" + (char) c + "'" : "byte 0x" + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
    }
}
