package io.paydr.devstack.redshift.internal.copy;

import java.sql.SQLException;

/**
 * Assembles PostgreSQL COPY text format (tab-separated, {@code \N} for NULL) from values already escaped and
 * UTF-8 encoded, in a reusable buffer that goes to the COPY stream in large chunks: no per-row objects.
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

    private final Sink sink;
    private final byte[] buf = new byte[CHUNK];
    private int len;

    public CopyTextBuffer(Sink sink) {
        this.sink = sink;
    }

    /**
     * Writes a backslash or control character as COPY text escapes it: {@code \\}, {@code \t}, {@code \n},
     * {@code \r}, {@code \b}, {@code \f}, else as an octal escape, which COPY text format decodes too.
     */
    static void escape(int c, JsonScanner.Out out) {
        out.write('\\');
        switch (c) {
            case '\\' -> out.write('\\');
            case '\t' -> out.write('t');
            case '\n' -> out.write('n');
            case '\r' -> out.write('r');
            case '\b' -> out.write('b');
            case '\f' -> out.write('f');
            default -> {
                out.write('0' + (c >> 6 & 7));
                out.write('0' + (c >> 3 & 7));
                out.write('0' + (c & 7));
            }
        }
    }

    void nullValue() throws SQLException {
        ensure(2);
        buf[len++] = '\\';
        buf[len++] = 'N';
    }

    void separator() throws SQLException {
        ensure(1);
        buf[len++] = '\t';
    }

    void endRow() throws SQLException {
        ensure(1);
        buf[len++] = '\n';
    }

    /** Appends bytes that are already COPY text (escaped UTF-8). */
    void append(byte[] bytes, int offset, int length) throws SQLException {
        while (length > 0) {
            if (len == buf.length) {
                flush();
            }
            int n = Math.min(length, buf.length - len);
            System.arraycopy(bytes, offset, buf, len, n);
            len += n;
            offset += n;
            length -= n;
        }
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
