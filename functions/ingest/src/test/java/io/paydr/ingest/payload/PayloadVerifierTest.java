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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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

    static PayloadAttributes attributes(byte[] stored, long count, ContentEncoding encoding) {
        return PayloadAttributes.payments(count, Sha256.hexOf(stored), "batch-1", encoding, stored.length);
    }

    @Test
    void smallPayloadKeepsItsRows() {
        byte[] stored = encode(records(5), ContentEncoding.IDENTITY);

        PayloadVerifier.Result result = PayloadVerifier.verify(new ByteArrayInputStream(stored),
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

            PayloadVerifier.Result result = PayloadVerifier.verify(closeable(stored),
                    attributes(stored, 50, encoding), 1_000_000);

            assertEquals(50, result.recordCount(), encoding.name());
        }
    }

    @Test
    void largeGzipPayloadIsCountedButItsRowsAreNotKept() {
        byte[] stored = encode(records(5_000), ContentEncoding.GZIP);

        PayloadVerifier.Result result = PayloadVerifier.verify(new ByteArrayInputStream(stored),
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
                () -> PayloadVerifier.verify(new ByteArrayInputStream(stored), claimed, 1_000_000));

        assertEquals(ReasonCode.CHECKSUM_MISMATCH, e.reason());
    }

    @Test
    void corruptPayloadWithWrongChecksumIsReportedAsChecksumMismatch() {
        byte[] good = encode(records(3), ContentEncoding.GZIP);
        byte[] corrupt = good.clone();
        corrupt[corrupt.length / 2] ^= 0x55;

        MessageRejectedException e = assertThrows(MessageRejectedException.class, () -> PayloadVerifier.verify(
                new ByteArrayInputStream(corrupt), attributes(good, 3, ContentEncoding.GZIP), 1_000_000));

        assertEquals(ReasonCode.CHECKSUM_MISMATCH, e.reason());
    }

    @Test
    void malformedPayloadWithMatchingChecksumIsMalformed() {
        byte[] stored = "{\"transaction_id\":\"t\"}\n".getBytes(StandardCharsets.UTF_8);

        MessageRejectedException e = assertThrows(MessageRejectedException.class, () -> PayloadVerifier.verify(
                new ByteArrayInputStream(stored), attributes(stored, 1, ContentEncoding.IDENTITY), 1_000_000));

        assertEquals(ReasonCode.MALFORMED_PAYLOAD, e.reason());
        assertFalse(e.getMessage().contains("\"t\""), "details never echo payload contents");
    }

    @Test
    void recordCountMismatchAndEmptyPayloadAreRefused() {
        byte[] stored = encode(records(3), ContentEncoding.IDENTITY);
        MessageRejectedException wrongCount = assertThrows(MessageRejectedException.class, () -> PayloadVerifier
                .verify(new ByteArrayInputStream(stored), attributes(stored, 4, ContentEncoding.IDENTITY), 1_000_000));
        assertEquals(ReasonCode.RECORD_COUNT_MISMATCH, wrongCount.reason());

        byte[] empty = new byte[0];
        MessageRejectedException none = assertThrows(MessageRejectedException.class, () -> PayloadVerifier
                .verify(new ByteArrayInputStream(empty), attributes(empty, 1, ContentEncoding.IDENTITY), 1_000_000));
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

        assertThrows(PayloadUnavailableException.class, () -> PayloadVerifier.verify(breaking,
                attributes(stored, 100, ContentEncoding.IDENTITY), 1_000_000));
    }
}
