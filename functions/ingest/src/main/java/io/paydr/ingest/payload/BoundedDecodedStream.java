package io.paydr.ingest.payload;

import io.paydr.contract.MessageRejectedException;
import io.paydr.contract.ReasonCode;
import io.paydr.aws.Deadline;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;
import java.util.zip.ZipException;

/**
 * The decoded bytes of a payload on their way to the parser, bounded: at most {@code maxDecodedBytes}, at most
 * {@code maxCompressionRatio} decoded bytes per stored byte read so far, no line longer than
 * {@link VerificationLimits#MAX_RECORD_BYTES}, no carriage return except before a line feed (a lone CR is a line
 * break to some readers and not to others), and nothing after the deadline. Also counts the decoded bytes, and
 * ignores close(): the parser closes its source at the end of input, but the stored stream must stay open until it
 * is drained and its digest taken (the caller closes it).
 */
final class BoundedDecodedStream extends FilterInputStream {
    private final VerificationLimits limits;
    private final LongSupplier storedBytesRead;
    private final Deadline deadline;
    private long count;
    private long lineBytes;
    private boolean afterCarriageReturn;

    BoundedDecodedStream(InputStream decoded, VerificationLimits limits, LongSupplier storedBytesRead, Deadline deadline) {
        super(decoded);
        this.limits = limits;
        this.storedBytesRead = storedBytesRead;
        this.deadline = deadline;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (deadline.isExpired()) {
            throw new PayloadUnavailableException("verification ran out of time after " + count
                    + " decoded bytes; the payload is tried again in another invocation", null);
        }
        int n;
        try {
            n = in.read(b, off, len);
        } catch (ZipException | EOFException e) {
            // StrictGzipInputStream's messages describe the structure, never the data
            throw new MessageRejectedException(ReasonCode.MALFORMED_PAYLOAD, "corrupt or truncated gzip data: "
                    + e.getMessage());
        }
        if (n < 0) {
            if (afterCarriageReturn) {
                throw loneCarriageReturn();
            }
            return n;
        }
        count += n;
        if (count > limits.maxDecodedBytes()) {
            throw new MessageRejectedException(ReasonCode.DECODED_PAYLOAD_TOO_LARGE, "payload decodes to more than"
                    + " MAX_DECODED_PAYLOAD_BYTES (" + limits.maxDecodedBytes() + ") bytes");
        }
        if (count > VerificationLimits.RATIO_FLOOR_BYTES
                && count > limits.maxCompressionRatio() * Math.max(1, storedBytesRead.getAsLong())) {
            throw new MessageRejectedException(ReasonCode.SUSPICIOUS_COMPRESSION_RATIO, count + " bytes decoded from "
                    + storedBytesRead.getAsLong() + " stored: more than MAX_COMPRESSION_RATIO ("
                    + limits.maxCompressionRatio() + ") to one");
        }
        scanLines(b, off, n);
        return n;
    }

    private void scanLines(byte[] b, int off, int n) {
        long line = lineBytes;
        boolean cr = afterCarriageReturn;
        for (int i = off; i < off + n; i++) {
            byte c = b[i];
            if (c == '\n') {
                line = 0;
                cr = false;
                continue;
            }
            if (cr) {
                throw loneCarriageReturn();
            }
            cr = c == '\r';
            if (++line > VerificationLimits.MAX_RECORD_BYTES) {
                throw new MessageRejectedException(ReasonCode.RECORD_TOO_LARGE, "a line is longer than "
                        + VerificationLimits.MAX_RECORD_BYTES + " bytes, Redshift's limit for one JSON object in COPY");
            }
        }
        lineBytes = line;
        afterCarriageReturn = cr;
    }

    private static MessageRejectedException loneCarriageReturn() {
        return new MessageRejectedException(ReasonCode.MALFORMED_PAYLOAD,
                "a carriage return not followed by a line feed: lines end with LF (or CRLF)");
    }

    long count() {
        return count;
    }

    @Override
    public void close() {
        // deliberately not closing the underlying stream: see the class comment
    }
}
