package io.paydr.ingest.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.MessageRejectedException;
import io.paydr.contract.NdjsonWriter;
import io.paydr.contract.PayloadAttributes;
import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.ReasonCode;
import io.paydr.contract.Sha256;
import io.paydr.aws.Deadline;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PayloadVerifierTest {
    static List<PaymentTransaction> records(int n) {
        return IntStream.range(0, n).mapToObj(i -> new PaymentTransaction("tx-" + i, "merchant-" + (i % 7), 100L + i,
                "EUR", PaymentStatus.CAPTURED, Instant.parse("2026-11-25T16:38:15.123Z"), "us-east-1")).toList();
    }

    static byte[] encode(List<PaymentTransaction> records, ContentEncoding encoding) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NdjsonWriter.writeAll(records, out, encoding);
        return out.toByteArray();
    }

    static final VerificationLimits LIMITS = new VerificationLimits(64L << 20, 50);

    static PayloadVerifier.Result verify(InputStream stored, PayloadAttributes attributes, long keepRowsBelow) {
        return PayloadVerifier.verify(stored, attributes, keepRowsBelow, LIMITS, Deadline.after(Duration.ofMinutes(1)),
                StagingOutput::inMemory);
    }

    static PayloadAttributes attributes(byte[] stored, long count, ContentEncoding encoding) {
        return PayloadAttributes.payments(count, Sha256.hexOf(stored), "batch-1", encoding, stored.length);
    }

    @Test
    void smallPayloadKeepsItsRows() {
        byte[] stored = encode(records(5), ContentEncoding.IDENTITY);

        PayloadVerifier.Result result = verify(new ByteArrayInputStream(stored),
                attributes(stored, 5, ContentEncoding.IDENTITY), 1_000_000);

        assertEquals(5, result.recordCount());
        assertTrue(result.rowsKept());
        assertEquals(records(5), result.rows());
    }

    /** Like an S3 response stream: reading after close fails. */
    private static InputStream closeable(byte[] bytes) {
        return new java.io.FilterInputStream(new ByteArrayInputStream(bytes)) {
            private boolean closed;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (closed) {
                    throw new IOException("stream is closed");
                }
                return super.read(b, off, len);
            }

            @Override
            public int read() throws IOException {
                if (closed) {
                    throw new IOException("stream is closed");
                }
                return super.read();
            }

            @Override
            public void close() {
                closed = true;
            }
        };
    }

    @Test
    void theStoredStreamStaysOpenUntilItIsDrainedWhateverTheEncoding() {
        for (ContentEncoding encoding : ContentEncoding.values()) {
            byte[] stored = encode(records(50), encoding);

            PayloadVerifier.Result result = verify(closeable(stored),
                    attributes(stored, 50, encoding), 1_000_000);

            assertEquals(50, result.recordCount(), encoding.name());
        }
    }

    @Test
    void largeGzipPayloadIsCountedButItsRowsAreNotKept() {
        byte[] stored = encode(records(5_000), ContentEncoding.GZIP);

        PayloadVerifier.Result result = verify(new ByteArrayInputStream(stored),
                attributes(stored, 5_000, ContentEncoding.GZIP), 64 * 1024);

        assertEquals(5_000, result.recordCount());
        assertFalse(result.rowsKept());
        assertTrue(result.rows().isEmpty());
        assertTrue(stored.length < 64 * 1024, "the threshold applies to decoded bytes, not to the stored size");
    }

    @Test
    void checksumMismatchIsRefused() {
        byte[] stored = encode(records(3), ContentEncoding.IDENTITY);
        PayloadAttributes claimed = PayloadAttributes.payments(3, Sha256.hexOf("other".getBytes(StandardCharsets.UTF_8)),
                "batch-1", ContentEncoding.IDENTITY, stored.length);

        MessageRejectedException e = assertThrows(MessageRejectedException.class,
                () -> verify(new ByteArrayInputStream(stored), claimed, 1_000_000));

        assertEquals(ReasonCode.CHECKSUM_MISMATCH, e.reason());
    }

    @Test
    void corruptPayloadWithWrongChecksumIsReportedAsChecksumMismatch() {
        byte[] good = encode(records(3), ContentEncoding.GZIP);
        byte[] corrupt = good.clone();
        corrupt[corrupt.length / 2] ^= 0x55;

        MessageRejectedException e = assertThrows(MessageRejectedException.class, () -> verify(
                new ByteArrayInputStream(corrupt), attributes(good, 3, ContentEncoding.GZIP), 1_000_000));

        assertEquals(ReasonCode.CHECKSUM_MISMATCH, e.reason());
    }

    @Test
    void malformedPayloadWithMatchingChecksumIsMalformed() {
        byte[] stored = "{\"transaction_id\":\"t\"}\n".getBytes(StandardCharsets.UTF_8);

        MessageRejectedException e = assertThrows(MessageRejectedException.class, () -> verify(
                new ByteArrayInputStream(stored), attributes(stored, 1, ContentEncoding.IDENTITY), 1_000_000));

        assertEquals(ReasonCode.MALFORMED_PAYLOAD, e.reason());
        assertFalse(e.getMessage().contains("\"t\""), "details never echo payload contents");
    }

    @Test
    void recordCountMismatchAndEmptyPayloadAreRefused() {
        byte[] stored = encode(records(3), ContentEncoding.IDENTITY);
        MessageRejectedException wrongCount = assertThrows(MessageRejectedException.class, () ->
                verify(new ByteArrayInputStream(stored), attributes(stored, 4, ContentEncoding.IDENTITY), 1_000_000));
        assertEquals(ReasonCode.RECORD_COUNT_MISMATCH, wrongCount.reason());

        byte[] empty = new byte[0];
        MessageRejectedException none = assertThrows(MessageRejectedException.class, () ->
                verify(new ByteArrayInputStream(empty), attributes(empty, 1, ContentEncoding.IDENTITY), 1_000_000));
        assertEquals(ReasonCode.EMPTY_PAYLOAD, none.reason());
    }

    @Test
    void aBrokenStreamIsTransient() {
        byte[] stored = encode(records(100), ContentEncoding.IDENTITY);
        InputStream breaking = new InputStream() {
            private int served;

            @Override
            public int read() throws IOException {
                if (served++ > 500) {
                    throw new IOException("connection reset");
                }
                return stored[served - 1];
            }
        };

        assertThrows(PayloadUnavailableException.class, () -> verify(breaking,
                attributes(stored, 100, ContentEncoding.IDENTITY), 1_000_000));
    }

    @Test
    void verificationStopsAtTheDeadlineAndIsTransient() {
        byte[] stored = encode(records(50_000), ContentEncoding.GZIP);

        assertThrows(PayloadUnavailableException.class, () -> PayloadVerifier.verify(new ByteArrayInputStream(stored),
                attributes(stored, 50_000, ContentEncoding.GZIP), 0, LIMITS, Deadline.after(Duration.ZERO),
                StagingOutput::inMemory));
    }

    @Test
    void concatenatedGzipMembersAreOnePayloadButTrailingBytesAreNot() throws IOException {
        byte[] first = encode(records(3), ContentEncoding.GZIP);
        byte[] second = encode(records(3).stream().map(r -> new PaymentTransaction(r.transactionId() + "-b",
                r.merchantId(), r.amountMinor(), r.currency(), r.status(), r.occurredAt(), r.sourceRegion())).toList(),
                ContentEncoding.GZIP);
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.write(first);
        both.write(second);
        byte[] members = both.toByteArray();
        assertEquals(6, verify(new ByteArrayInputStream(members), attributes(members, 6, ContentEncoding.GZIP), 0)
                .recordCount());

        both.write(new byte[] {0, 0, 0, 0});
        byte[] padded = both.toByteArray();
        MessageRejectedException trailing = assertThrows(MessageRejectedException.class, () -> verify(
                new ByteArrayInputStream(padded), attributes(padded, 6, ContentEncoding.GZIP), 0));
        assertEquals(ReasonCode.MALFORMED_PAYLOAD, trailing.reason());
        assertTrue(trailing.detail().contains("trailing bytes after the last gzip member"), trailing.detail());
    }

    @Test
    void aCorruptGzipTrailerIsRefused() {
        byte[] stored = encode(records(3), ContentEncoding.GZIP);
        stored[stored.length - 5] ^= 1; // a bit of the CRC-32
        MessageRejectedException e = assertThrows(MessageRejectedException.class, () -> verify(
                new ByteArrayInputStream(stored), attributes(stored, 3, ContentEncoding.GZIP), 0));
        assertEquals(ReasonCode.MALFORMED_PAYLOAD, e.reason());
    }

    @Test
    void aHighRatioIsJudgedOnlyOnceAMegabyteIsDecoded() {
        // 20,000 identical records compress far beyond 50:1, yet this small one is under the floor
        List<PaymentTransaction> same = IntStream.range(0, 2_000).mapToObj(i -> records(1).get(0)).toList();
        byte[] stored = encode(same, ContentEncoding.GZIP);
        assertTrue(stored.length * 50L < 2_000 * 150, "compresses beyond the ratio");
        assertEquals(2_000, verify(new ByteArrayInputStream(stored), attributes(stored, 2_000, ContentEncoding.GZIP), 0)
                .recordCount());
    }
}
