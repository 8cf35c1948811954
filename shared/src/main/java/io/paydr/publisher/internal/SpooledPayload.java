package io.paydr.publisher.internal;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.DigestingOutputStream;
import io.paydr.contract.NdjsonWriter;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.Sha256;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The serialized payload of one batch, kept in memory up to a threshold and spilled to a temp file beyond it, so
 * large batches never sit in the heap whole. While the bytes are written it computes the SHA-256 of the whole
 * payload and of every part of {@code partSize} bytes (for a multipart upload's per-part checksums), so nothing
 * is read twice. Bytes can be re-read any number of times (SDK retries). Close to delete the temp file.
 */
public final class SpooledPayload implements AutoCloseable {

    /** Typical encoded bytes per record, to size the buffer once instead of growing it by copies. */
    private static final int IDENTITY_BYTES = 224;
    private static final int GZIP_BYTES = 48;

    private final Sink sink;
    private final ContentEncoding encoding;
    private final String recordsSha256Hex;

    private SpooledPayload(Sink sink, ContentEncoding encoding, String recordsSha256Hex) {
        this.sink = sink;
        this.encoding = encoding;
        this.recordsSha256Hex = recordsSha256Hex;
    }

    /** Serializes the records as v1 JSON Lines in the given encoding. */
    public static SpooledPayload write(List<PaymentTransaction> records, ContentEncoding encoding,
                                       long memoryLimit, long partSize, Path spoolDirectory) {
        long estimate = (long) records.size() * (encoding == ContentEncoding.GZIP ? GZIP_BYTES : IDENTITY_BYTES);
        Sink sink = new Sink(memoryLimit, partSize, spoolDirectory, (int) Math.min(memoryLimit, estimate));
        try {
            if (encoding == ContentEncoding.IDENTITY) {
                NdjsonWriter.writeAll(records, sink, ContentEncoding.IDENTITY);
                return new SpooledPayload(sink, encoding, sink.wholeHex); // the stored bytes are the JSON Lines
            }
            // the JSON Lines are digested on their way into gzip: one pass, no second serialization
            DigestingOutputStream lines = new DigestingOutputStream(NdjsonWriter.encodingStream(sink, encoding));
            NdjsonWriter.writeAll(records, lines, ContentEncoding.IDENTITY);
            return new SpooledPayload(sink, encoding, lines.hexDigest());
        } catch (RuntimeException e) {
            sink.delete();
            throw e;
        }
    }

    public ContentEncoding encoding() {
        return encoding;
    }

    /**
     * Lowercase hex SHA-256 of the uncompressed JSON Lines: the same for both encodings of the same records, so it
     * identifies a batch's content where {@link #sha256Hex()} (of the stored bytes) depends on the encoding.
     */
    public String recordsSha256Hex() {
        return recordsSha256Hex;
    }

    public long size() {
        return sink.total;
    }

    public String sha256Hex() {
        return sink.wholeHex;
    }

    /** Lowercase hex SHA-256 of each part of partSize bytes (the last one may be shorter). */
    public List<String> partSha256Hex() {
        return sink.partHex;
    }

    public int partCount() {
        return sink.partHex.size();
    }

    public boolean inMemory() {
        return sink.file == null;
    }

    public InputStream openStream() {
        return openRange(0, sink.total);
    }

    /** A stream over bytes [offset, offset + length). */
    public InputStream openRange(long offset, long length) {
        if (sink.file == null) {
            return new ByteArrayInputStream(sink.buffer, (int) offset, (int) length);
        }
        try {
            FileChannel channel = FileChannel.open(sink.file, StandardOpenOption.READ);
            channel.position(offset);
            return new BoundedInputStream(Channels.newInputStream(channel), length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spooled payload", e);
        }
    }

    @Override
    public void close() {
        sink.delete();
    }

    /** Receives the encoded bytes: digests, memory buffer, then a temp file once the memory limit is passed. */
    private static final class Sink extends OutputStream {
        private final long memoryLimit;
        private final long partSize;
        private final Path spoolDirectory;
        private final MessageDigest whole = Sha256.newDigest();
        private final MessageDigest part = Sha256.newDigest();
        private final List<String> partHex = new ArrayList<>();
        private byte[] buffer;
        private long total;
        private long inPart;
        private Path file;
        private OutputStream fileOut;
        private String wholeHex;

        Sink(long memoryLimit, long partSize, Path spoolDirectory, int initialCapacity) {
            this.buffer = new byte[Math.max(initialCapacity, 8 * 1024)];
            this.memoryLimit = memoryLimit;
            this.partSize = partSize;
            this.spoolDirectory = spoolDirectory;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            digest(b, off, len);
            if (file == null && total + len > memoryLimit) {
                spill();
            }
            if (file == null) {
                ensureCapacity(total + len);
                System.arraycopy(b, off, buffer, (int) total, len);
            } else {
                fileOut.write(b, off, len);
            }
            total += len;
        }

        private void digest(byte[] b, int off, int len) {
            whole.update(b, off, len);
            while (len > 0) {
                int n = (int) Math.min(len, partSize - inPart);
                part.update(b, off, n);
                inPart += n;
                off += n;
                len -= n;
                if (inPart == partSize) {
                    partHex.add(Sha256.hex(part.digest()));
                    inPart = 0;
                }
            }
        }

        private void ensureCapacity(long needed) {
            if (needed > buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(Math.max(needed, 2L * buffer.length), memoryLimit));
            }
        }

        private void spill() throws IOException {
            file = Files.createTempFile(spoolDirectory, "paydr-payload-", ".spool");
            fileOut = Files.newOutputStream(file, StandardOpenOption.WRITE);
            fileOut.write(buffer, 0, (int) total);
            buffer = null;
        }

        @Override
        public void close() throws IOException {
            if (wholeHex != null) {
                return;
            }
            wholeHex = Sha256.hex(whole.digest());
            if (inPart > 0 || total == 0) {
                partHex.add(Sha256.hex(part.digest()));
            }
            if (fileOut != null) {
                fileOut.close();
            }
        }

        void delete() {
            try {
                if (fileOut != null) {
                    fileOut.close();
                }
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the spooled payload " + file, e);
            }
        }
    }

    /** Reads at most {@code remaining} bytes. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private long remaining;

        BoundedInputStream(InputStream in, long remaining) {
            this.in = in;
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
