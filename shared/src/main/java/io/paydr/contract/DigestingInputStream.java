package io.paydr.contract;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/** Passes bytes through while counting them and computing their SHA-256 (e.g. to verify payload_sha256). */
public final class DigestingInputStream extends FilterInputStream {

    private final MessageDigest digest = Sha256.newDigest();
    private long count;
    private String hex;

    public DigestingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            digest.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            digest.update(b, off, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] sink = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: a reset would corrupt the running digest
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    public long bytesRead() {
        return count;
    }

    /** Lowercase hex SHA-256 of everything read; call once the stream is exhausted. */
    public String hexDigest() {
        if (hex == null) {
            hex = Sha256.hex(digest.digest());
        }
        return hex;
    }

    /** Reads the rest of the stream (so the digest covers the whole payload) and returns the number of bytes. */
    public long drain() throws IOException {
        return skip(Long.MAX_VALUE);
    }
}
