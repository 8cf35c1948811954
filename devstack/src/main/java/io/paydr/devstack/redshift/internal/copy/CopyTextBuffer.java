package io.paydr.devstack.redshift.internal.copy;

/**
 * Builds PostgreSQL COPY text format (tab-separated, {@code \N} for NULL, backslash escapes) directly as
 * UTF-8 bytes in a reusable buffer and hands full chunks to the COPY stream: no per-row strings.
 */
final class CopyTextBuffer {

    /** Where full chunks go: the COPY FROM STDIN stream. */
    @FunctionalInterface
    interface Sink {
        void write(byte[] bytes, int length) throws InterruptedException;
    }

    private static final int CHUNK = 256 * 1024;

    private final Sink sink;
    private final byte[] buf = new byte[CHUNK + 16];
    private int len;

    CopyTextBuffer(Sink sink) {
        this.sink = sink;
    }

    void nullValue() throws InterruptedException {
        ensure(2);
        buf[len++] = '\\';
        buf[len++] = 'N';
    }

    void separator() throws InterruptedException {
        ensure(1);
        buf[len++] = '\t';
    }

    void endRow() throws InterruptedException {
        ensure(1);
        buf[len++] = '\n';
        if (len >= CHUNK) {
            flush();
        }
    }

    /** Appends the value escaped for COPY text format and encoded as UTF-8. */
    void value(char[] chars, int offset, int length) throws InterruptedException {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            char c = chars[i];
            ensure(4);
            if (c >= 0x20 && c < 0x80) {
                if (c == '\\') {
                    buf[len++] = '\\';
                }
                buf[len++] = (byte) c;
            } else if (c < 0x20) {
                control(c);
            } else if (c < 0x800) {
                buf[len++] = (byte) (0xC0 | (c >> 6));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
                int cp = Character.toCodePoint(c, chars[++i]);
                buf[len++] = (byte) (0xF0 | (cp >> 18));
                buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                buf[len++] = (byte) (0xE0 | (c >> 12));
                buf[len++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buf[len++] = (byte) (0x80 | (c & 0x3F));
            }
        }
    }

    private void control(char c) {
        buf[len++] = '\\';
        switch (c) {
            case '\t' -> buf[len++] = 't';
            case '\n' -> buf[len++] = 'n';
            case '\r' -> buf[len++] = 'r';
            case '\b' -> buf[len++] = 'b';
            case '\f' -> buf[len++] = 'f';
            default -> {
                // other control characters as octal escapes, which COPY text format decodes
                buf[len++] = (byte) ('0' + ((c >> 6) & 7));
                buf[len++] = (byte) ('0' + ((c >> 3) & 7));
                buf[len++] = (byte) ('0' + (c & 7));
            }
        }
    }

    void flush() throws InterruptedException {
        if (len > 0) {
            sink.write(buf, len);
            len = 0;
        }
    }

    private void ensure(int room) throws InterruptedException {
        if (len + room > buf.length) {
            flush();
        }
    }
}
