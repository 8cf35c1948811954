package io.paydr.devstack.redshift.internal.copy;

import java.sql.SQLException;

/**
 * Assembles PostgreSQL COPY text format (tab-separated, {@code \N} for NULL), escaping and UTF-8 encoding each
 * value, in a reusable buffer that goes to the COPY stream in chunks: no per-row objects.
 */
public final class CopyTextBuffer {

    /** Where full chunks go: the COPY FROM STDIN stream. */
    @FunctionalInterface
    public interface Sink {
        void write(byte[] bytes, int length) throws SQLException;
    }

    /**
     * PostgreSQL starts parsing when the first chunk arrives, so chunks are small enough to get it going after
     * a few hundred rows, and large enough that writing them costs little (what CopyManager's own copyIn uses).
     */
    private static final int CHUNK = 64 * 1024;
    private static final int MAX_BYTES_PER_CHAR = 4;

    private final Sink sink;
    private final byte[] buf = new byte[CHUNK + 16];
    private int len;

    public CopyTextBuffer(Sink sink) {
        this.sink = sink;
    }

    public void nullValue() throws SQLException {
        ensure(2);
        buf[len++] = '\\';
        buf[len++] = 'N';
    }

    public void separator() throws SQLException {
        ensure(1);
        buf[len++] = '\t';
    }

    public void endRow() throws SQLException {
        ensure(1);
        buf[len++] = '\n';
        if (len >= CHUNK) {
            flush();
        }
    }

    /**
     * Appends the value escaped for COPY text format and encoded as UTF-8. Works in runs that surely fit
     * the buffer (at most 4 bytes per char), so the per-character loop has no capacity checks.
     */
    public void value(char[] chars, int offset, int length) throws SQLException {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int fits = (buf.length - len) / MAX_BYTES_PER_CHAR;
            if (fits < 2) {
                flush();
                continue;
            }
            i = encode(chars, i, Math.min(end, i + fits - 1), end);
        }
    }

    /** Encodes chars from {@code i} until {@code stop} (one more for a surrogate pair); returns where it stopped. */
    private int encode(char[] chars, int i, int stop, int end) {
        byte[] b = buf;
        int n = len;
        while (i < stop) {
            char c = chars[i++];
            if (c >= 0x20 && c < 0x80) {
                if (c == '\\') {
                    b[n++] = '\\';
                }
                b[n++] = (byte) c;
            } else if (c < 0x20) {
                n = control(c, n);
            } else if (c < 0x800) {
                b[n++] = (byte) (0xC0 | (c >> 6));
                b[n++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i < end && Character.isLowSurrogate(chars[i])) {
                int cp = Character.toCodePoint(c, chars[i++]);
                b[n++] = (byte) (0xF0 | (cp >> 18));
                b[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                b[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                b[n++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                b[n++] = (byte) (0xE0 | (c >> 12));
                b[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        len = n;
        return i;
    }

    private int control(char c, int n) {
        buf[n++] = '\\';
        switch (c) {
            case '\t' -> buf[n++] = 't';
            case '\n' -> buf[n++] = 'n';
            case '\r' -> buf[n++] = 'r';
            case '\b' -> buf[n++] = 'b';
            case '\f' -> buf[n++] = 'f';
            default -> {
                // other control characters as octal escapes, which COPY text format decodes
                buf[n++] = (byte) ('0' + ((c >> 6) & 7));
                buf[n++] = (byte) ('0' + ((c >> 3) & 7));
                buf[n++] = (byte) ('0' + (c & 7));
            }
        }
        return n;
    }

    public void flush() throws SQLException {
        if (len > 0) {
            sink.write(buf, len);
            len = 0;
        }
    }

    private void ensure(int room) throws SQLException {
        if (len + room > buf.length) {
            flush();
        }
    }
}
