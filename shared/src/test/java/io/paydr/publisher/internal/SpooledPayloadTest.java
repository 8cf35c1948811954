package io.paydr.publisher.internal;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.Fixtures;
import io.paydr.contract.NdjsonWriter;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class SpooledPayloadTest {

    @TempDir
    Path dir;

    private static byte[] expected(List<PaymentTransaction> records, ContentEncoding enc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NdjsonWriter.writeAll(records, out, enc);
        return out.toByteArray();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }

    private long spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void smallPayloadStaysInMemoryWithItsDigest() throws IOException {
        List<PaymentTransaction> records = Fixtures.batch(100);
        byte[] bytes = expected(records, ContentEncoding.GZIP);
        try (SpooledPayload p = SpooledPayload.write(records, ContentEncoding.GZIP, 1 << 20, 5 << 20, dir)) {
            assertTrue(p.inMemory());
            assertEquals(bytes.length, p.size());
            assertEquals(Sha256.hexOf(bytes), p.sha256Hex());
            assertArrayEquals(bytes, readAll(p.openStream()));
            assertArrayEquals(bytes, readAll(p.openStream()), "re-readable for SDK retries");
            assertEquals(List.of(Sha256.hexOf(bytes)), p.partSha256Hex());
        }
        assertEquals(0, spoolFiles());
    }

    @Test
    void theRecordsDigestIsTheSameForBothEncodingsAndIsThatOfTheJsonLines() {
        List<PaymentTransaction> records = Fixtures.batch(3_000);
        String lines = Sha256.hexOf(expected(records, ContentEncoding.IDENTITY));
        try (SpooledPayload identity = SpooledPayload.write(records, ContentEncoding.IDENTITY, 1 << 20, 5 << 20, dir);
             SpooledPayload gzip = SpooledPayload.write(records, ContentEncoding.GZIP, 1 << 20, 5 << 20, dir)) {
            assertEquals(lines, identity.recordsSha256Hex());
            assertEquals(lines, gzip.recordsSha256Hex());
            assertNotEquals(gzip.sha256Hex(), gzip.recordsSha256Hex(), "the stored bytes are compressed");
            assertEquals(ContentEncoding.GZIP, gzip.encoding());
        }
        try (SpooledPayload other = SpooledPayload.write(Fixtures.batch(3_001).subList(1, 3_001),
                ContentEncoding.GZIP, 1 << 20, 5 << 20, dir)) {
            assertNotEquals(lines, other.recordsSha256Hex());
        }
    }

    @Test
    void largePayloadSpillsToATempFileWithPerPartDigestsAndIsDeletedOnClose() throws IOException {
        List<PaymentTransaction> records = Fixtures.batch(20_000);
        byte[] bytes = expected(records, ContentEncoding.IDENTITY);
        int partSize = 1 << 20;
        assertTrue(bytes.length > 2 * partSize, "test needs several parts");
        try (SpooledPayload p = SpooledPayload.write(records, ContentEncoding.IDENTITY, 256 * 1024, partSize, dir)) {
            assertFalse(p.inMemory());
            assertEquals(1, spoolFiles());
            assertEquals(Sha256.hexOf(bytes), p.sha256Hex());
            assertArrayEquals(bytes, readAll(p.openStream()));
            List<long[]> ranges = PayloadUploader.partRanges(p.size(), partSize);
            assertEquals(ranges.size(), p.partCount());
            for (int i = 0; i < ranges.size(); i++) {
                int off = (int) ranges.get(i)[0];
                int len = (int) ranges.get(i)[1];
                byte[] part = Arrays.copyOfRange(bytes, off, off + len);
                assertEquals(Sha256.hexOf(part), p.partSha256Hex().get(i), "part " + (i + 1));
                assertArrayEquals(part, readAll(p.openRange(off, len)));
            }
        }
        assertEquals(0, spoolFiles(), "temp file deleted on close");
    }

    @Test
    void partRangesCoverThePayloadExactly() {
        List<long[]> r = PayloadUploader.partRanges(12, 5);
        assertEquals(3, r.size());
        assertArrayEquals(new long[]{0, 5}, r.get(0));
        assertArrayEquals(new long[]{5, 5}, r.get(1));
        assertArrayEquals(new long[]{10, 2}, r.get(2));
        assertEquals(2, PayloadUploader.partRanges(10, 5).size());
    }
}
