package io.paydr.ingest.payload;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.DigestingInputStream;
import io.paydr.contract.MessageRejectedException;
import io.paydr.contract.NdjsonReader;
import io.paydr.contract.PayloadAttributes;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.ReasonCode;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Verifies a payload in one streaming pass: SHA-256 of the stored bytes, strict decoding and validation of every
 * record, and the record count, never holding the stored payload as a whole. Rows are kept only while the decoded
 * size stays below a limit (small payloads load by INSERT); beyond it the verified records are written as the
 * payload's staged object instead ({@link StagingWriter}; the payload loads by COPY from it).
 */
final class PayloadVerifier {
    private static final int GZIP_BUFFER = 64 * 1024;

    /** The outcome: the record count, and either the rows (kept) or the staged object's bytes. */
    record Result(long recordCount, List<PaymentTransaction> rows, StagedRows staged) {
        boolean rowsKept() {
            return staged == null;
        }
    }

    private PayloadVerifier() {
    }

    /**
     * @param keepRowsBelowDecodedBytes keep rows while fewer decoded bytes than this were read (0: never keep)
     * @throws MessageRejectedException   CHECKSUM_MISMATCH, MALFORMED_PAYLOAD, SCHEMA_VIOLATION, EMPTY_PAYLOAD or
     *                                    RECORD_COUNT_MISMATCH
     * @throws PayloadUnavailableException when reading the stream fails (a transient condition)
     */
    static Result verify(InputStream stored, PayloadAttributes attributes, long keepRowsBelowDecodedBytes) {
        DigestingInputStream digesting = new DigestingInputStream(stored);
        long count = 0;
        List<PaymentTransaction> rows = new ArrayList<>();
        StagingWriter staging = keepRowsBelowDecodedBytes > 0 ? null : new StagingWriter(attributes.payloadSha256());
        try {
            CountingInputStream decoded = new CountingInputStream(
                    attributes.contentEncoding() == ContentEncoding.GZIP ? new GZIPInputStream(digesting, GZIP_BUFFER)
                            : digesting);
            NdjsonReader reader = NdjsonReader.open(decoded, ContentEncoding.IDENTITY);
            while (reader.hasNext()) {
                PaymentTransaction row = reader.next();
                count++;
                if (staging == null && decoded.count() < keepRowsBelowDecodedBytes) {
                    rows.add(row);
                } else {
                    if (staging == null) {
                        staging = new StagingWriter(attributes.payloadSha256());
                        rows.forEach(staging::add);
                        rows = List.of();
                    }
                    staging.add(row);
                }
            }
            digesting.drain();
        } catch (MessageRejectedException e) {
            throw checksumMismatchOr(digesting, attributes, e);
        } catch (ZipException | EOFException e) {
            throw checksumMismatchOr(digesting, attributes,
                    new MessageRejectedException(ReasonCode.MALFORMED_PAYLOAD, "corrupt or truncated gzip data"));
        } catch (IOException | UncheckedIOException e) {
            throw new PayloadUnavailableException("reading the payload failed: " + e.getMessage(), e);
        }
        requireChecksum(digesting, attributes);
        if (count == 0) {
            throw new MessageRejectedException(ReasonCode.EMPTY_PAYLOAD, "payload has no records");
        }
        if (count != attributes.recordCount()) {
            throw new MessageRejectedException(ReasonCode.RECORD_COUNT_MISMATCH,
                    "payload has " + count + " records, record_count says " + attributes.recordCount());
        }
        return new Result(count, rows, staging == null ? null : staging.finish());
    }

    /** A payload that fails to decode may simply be corrupt: if its checksum is wrong too, that is the verdict. */
    private static MessageRejectedException checksumMismatchOr(DigestingInputStream digesting,
                                                               PayloadAttributes attributes,
                                                               MessageRejectedException decodingError) {
        try {
            digesting.drain();
            requireChecksum(digesting, attributes);
            return decodingError;
        } catch (MessageRejectedException mismatch) {
            return mismatch;
        } catch (IOException e) {
            return decodingError;
        }
    }

    private static void requireChecksum(DigestingInputStream digesting, PayloadAttributes attributes) {
        if (!digesting.hexDigest().equals(attributes.payloadSha256())) {
            throw new MessageRejectedException(ReasonCode.CHECKSUM_MISMATCH,
                    "SHA-256 of the " + digesting.bytesRead() + " stored bytes differs from payload_sha256");
        }
    }

    /**
     * Counts the decoded bytes handed to the parser, and ignores close(): the parser closes its source at the end of
     * input, but the stored stream must stay open until it is drained and its digest taken (the caller closes it).
     */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        long count() {
            return count;
        }

        @Override
        public void close() {
            // deliberately not closing the underlying stream: see the class comment
        }
    }
}
