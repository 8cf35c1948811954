package io.paydr.ingest.payload;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Decodes gzip (RFC 1952) strictly: one or more complete members and nothing after the last one. The JDK's
 * GZIPInputStream stops silently at bytes that do not start another member, so a payload with trailing bytes would
 * verify while other readers (Redshift's COPY GZIP among them) read it differently; here they are an error, as are a
 * truncated member and a wrong CRC-32 or length. Exception messages never quote the data.
 */
final class StrictGzipInputStream extends InputStream {
    private static final int BUFFER = 64 * 1024;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int RESERVED = 0xE0;

    private final InputStream in;
    private final byte[] buf = new byte[BUFFER];
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private int pos;
    private int limit;
    private long memberSize;
    private int members;
    private boolean inMember;
    private boolean eof;

    StrictGzipInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (!eof) {
            if (!inMember && !startMember()) {
                eof = true;
                break;
            }
            int n = inflate(b, off, len);
            if (n > 0) {
                crc.update(b, off, n);
                memberSize += n;
                return n;
            }
            if (inflater.finished()) {
                pos = limit - inflater.getRemaining();
                endMember();
            } else if (inflater.needsInput()) {
                if (pos == limit && !fill()) {
                    throw new EOFException("truncated gzip data");
                }
                inflater.setInput(buf, pos, limit - pos); // the bytes after the header, or a fresh read
                pos = limit;
            } else if (inflater.needsDictionary()) {
                throw new ZipException("gzip data needs a preset dictionary");
            }
        }
        return -1;
    }

    private int inflate(byte[] b, int off, int len) throws ZipException {
        try {
            return inflater.inflate(b, off, len);
        } catch (DataFormatException e) {
            throw new ZipException("corrupt deflate data");
        }
    }

    /** Reads the next member's header; false at the end of the input after at least one member. */
    private boolean startMember() throws IOException {
        int id1 = readByte();
        if (id1 < 0) {
            if (members == 0) {
                throw new EOFException("empty gzip data");
            }
            return false;
        }
        if (id1 != 0x1F || readByte() != 0x8B) {
            throw new ZipException(members == 0 ? "not gzip data" : "trailing bytes after the last gzip member");
        }
        if (readByte() != 8) {
            throw new ZipException("unsupported gzip compression method");
        }
        int flags = requireByte();
        if ((flags & RESERVED) != 0) {
            throw new ZipException("reserved gzip header flags set");
        }
        skip(6); // MTIME, XFL, OS
        if ((flags & FEXTRA) != 0) {
            skip(requireByte() | requireByte() << 8);
        }
        if ((flags & FNAME) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FCOMMENT) != 0) {
            skipZeroTerminated();
        }
        if ((flags & FHCRC) != 0) {
            skip(2);
        }
        inflater.reset();
        crc.reset();
        memberSize = 0;
        inMember = true;
        return true;
    }

    private void endMember() throws IOException {
        long storedCrc = readLittleEndianInt();
        long storedSize = readLittleEndianInt();
        if (storedCrc != crc.getValue() || storedSize != (memberSize & 0xFFFFFFFFL)) {
            throw new ZipException("gzip checksum or length mismatch");
        }
        members++;
        inMember = false;
    }

    private long readLittleEndianInt() throws IOException {
        long value = 0;
        for (int i = 0; i < 4; i++) {
            value |= (long) requireByte() << (8 * i);
        }
        return value;
    }

    private void skip(int n) throws IOException {
        for (int i = 0; i < n; i++) {
            requireByte();
        }
    }

    private void skipZeroTerminated() throws IOException {
        while (requireByte() != 0) {
            // header text fields are skipped, never read
        }
    }

    private int requireByte() throws IOException {
        int b = readByte();
        if (b < 0) {
            throw new EOFException("truncated gzip header or trailer");
        }
        return b;
    }

    private int readByte() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buf[pos++] & 0xFF;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            pos = 0;
            limit = 0;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() {
        inflater.end();
    }
}
