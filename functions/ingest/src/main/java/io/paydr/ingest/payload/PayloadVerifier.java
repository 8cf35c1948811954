package io.paydr.ingest.payload;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.DigestingInputStream;
import io.paydr.contract.MessageRejectedException;
import io.paydr.contract.NdjsonReader;
import io.paydr.contract.PayloadAttributes;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.ReasonCode;
import io.paydr.aws.Deadline;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.ZipException;

/**
 * Verifies a payload in one streaming pass: SHA-256 of the stored bytes, strict decoding (bounded in bytes, ratio,
 * line length and time: {@link BoundedDecodedStream}) and validation of every record, and the record count, never
 * holding the stored payload as a whole. Rows are kept only while the decoded size stays below a limit (small
 * payloads load by INSERT); beyond it the verified records are written as the payload's staged object instead
 * ({@link StagingWriter}; the payload loads by COPY from it).
 */
final class PayloadVerifier {
    /** The outcome: the record count, and either the rows (kept) or the staged object. */
    record Result(long recordCount, List<PaymentTransaction> rows, Staged staged) {
        boolean rowsKept() {
            return staged == null;
        }
    }

    private final PayloadAttributes attributes;
    private final Supplier<StagingOutput> stagingOutputs;
    private StagingWriter staging;

    private PayloadVerifier(PayloadAttributes attributes, Supplier<StagingOutput> stagingOutputs) {
        this.attributes = attributes;
        this.stagingOutputs = stagingOutputs;
    }

    /**
     * @param keepRowsBelowDecodedBytes keep rows while fewer decoded bytes than this were read (0: never keep)
     * @param limits                    what verifying may cost
     * @param deadline                  when verifying must stop (the payload is then tried again later)
     * @param staging                   where the records go once they are not kept: opened at most once, finished
     *                                  if the payload verifies and aborted if it does not
     * @throws MessageRejectedException   CHECKSUM_MISMATCH, MALFORMED_PAYLOAD, SCHEMA_VIOLATION, EMPTY_PAYLOAD,
     *                                    RECORD_COUNT_MISMATCH, DECODED_PAYLOAD_TOO_LARGE,
     *                                    SUSPICIOUS_COMPRESSION_RATIO or RECORD_TOO_LARGE
     * @throws PayloadUnavailableException when reading the stream fails or the deadline passes (transient)
     */
    static Result verify(InputStream stored, PayloadAttributes attributes, long keepRowsBelowDecodedBytes,
                         VerificationLimits limits, Deadline deadline, Supplier<StagingOutput> staging) {
        PayloadVerifier verifier = new PayloadVerifier(attributes, staging);
        try {
            return verifier.run(stored, keepRowsBelowDecodedBytes, limits, deadline);
        } catch (RuntimeException e) {
            if (verifier.staging != null) {
                verifier.staging.abort();
            }
            throw e;
        }
    }

    private Result run(InputStream stored, long keepRowsBelowDecodedBytes, VerificationLimits limits,
                       Deadline deadline) {
        DigestingInputStream digesting = new DigestingInputStream(stored);
        long count = 0;
        List<PaymentTransaction> rows = new ArrayList<>();
        if (keepRowsBelowDecodedBytes <= 0) {
            staging = new StagingWriter(attributes.payloadSha256(), stagingOutputs.get());
        }
        try {
            BoundedDecodedStream decoded = new BoundedDecodedStream(
                    attributes.contentEncoding() == ContentEncoding.GZIP ? new StrictGzipInputStream(digesting)
                            : digesting, limits, digesting::bytesRead, deadline);
            NdjsonReader reader = NdjsonReader.open(decoded, ContentEncoding.IDENTITY);
            while (reader.hasNext()) {
                PaymentTransaction row = reader.next();
                count++;
                if (staging == null && decoded.count() < keepRowsBelowDecodedBytes) {
                    rows.add(row);
                    continue;
                }
                if (staging == null) {
                    staging = new StagingWriter(attributes.payloadSha256(), stagingOutputs.get());
                    rows.forEach(staging::add);
                    rows = List.of();
                }
                staging.add(row);
            }
            digesting.drain();
        } catch (MessageRejectedException e) {
            throw checksumMismatchOr(digesting, e);
        } catch (ZipException | EOFException e) {
            // StrictGzipInputStream's messages describe the structure, never the data
            throw checksumMismatchOr(digesting, new MessageRejectedException(ReasonCode.MALFORMED_PAYLOAD,
                    "corrupt or truncated gzip data: " + e.getMessage()));
        } catch (IOException | UncheckedIOException e) {
            throw new PayloadUnavailableException("reading the payload failed: " + e.getMessage(), e);
        }
        requireChecksum(digesting);
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
    private MessageRejectedException checksumMismatchOr(DigestingInputStream digesting,
                                                        MessageRejectedException decodingError) {
        try {
            digesting.drain();
            requireChecksum(digesting);
            return decodingError;
        } catch (MessageRejectedException mismatch) {
            return mismatch;
        } catch (IOException e) {
            return decodingError;
        }
    }

    private void requireChecksum(DigestingInputStream digesting) {
        if (!digesting.hexDigest().equals(attributes.payloadSha256())) {
            throw new MessageRejectedException(ReasonCode.CHECKSUM_MISMATCH,
                    "SHA-256 of the " + digesting.bytesRead() + " stored bytes differs from payload_sha256");
        }
    }
}
