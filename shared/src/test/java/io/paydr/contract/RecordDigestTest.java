package io.paydr.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The canonical encoding and the rows digest, as their definitions say (the SQL side is proven on devstack in ingest). */
class RecordDigestTest {
    private static final PaymentTransaction RECORD = new PaymentTransaction("tx-1", "Caf\u00e9 \ud83d\ude00", -42, "EUR",
            PaymentStatus.REFUNDED, Instant.parse("0001-02-03T04:05:06.007Z"), "us-east-1");

    @Test
    void theCanonicalEncodingIsTheSevenFieldsJoinedByTheUnitSeparator() {
        assertEquals("tx-1\u001fCaf\u00e9 \ud83d\ude00\u001f-42\u001fEUR\u001fREFUNDED\u001f0001-02-03 04:05:06.007"
                + "\u001fus-east-1", RecordDigest.canonical(RECORD));
    }

    @Test
    void rowSha256IsTheHexDigestOfTheUtf8Encoding() {
        assertEquals(Sha256.hexOf(RecordDigest.canonical(RECORD).getBytes(StandardCharsets.UTF_8)),
                new RecordDigest().rowSha256(RECORD));
    }

    @Test
    void theRowsDigestHashesBlocksOfAThousandRowsThenGroupsOfAThousandBlocks() {
        RowsDigest digest = new RowsDigest();
        StringBuilder block0 = new StringBuilder();
        StringBuilder block1 = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            String row = Sha256.hexOf(("row " + i).getBytes(StandardCharsets.UTF_8));
            digest.add(row);
            (i < 1000 ? block0 : block1).append(row);
        }
        String group0 = hexOf(hexOf(block0) + hexOf(block1));
        assertEquals(hexOf(group0), digest.finish());
        assertEquals(1500, digest.rows());
    }

    @Test
    void theRowsDigestDependsOnOrderAndCount() {
        String a = new RecordDigest().rowSha256(RECORD);
        String b = Sha256.hexOf("other".getBytes(StandardCharsets.UTF_8));
        assertNotEquals(digestOf(a, b), digestOf(b, a));
        assertNotEquals(digestOf(a), digestOf(a, a));
        assertEquals(digestOf(a, b), digestOf(a, b));
        assertThrows(IllegalArgumentException.class, () -> new RowsDigest().add("abc"));
    }

    private static String hexOf(CharSequence s) {
        return Sha256.hexOf(s.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static String digestOf(String... rows) {
        RowsDigest digest = new RowsDigest();
        for (String row : rows) {
            digest.add(row);
        }
        return digest.finish();
    }

    @Test
    void aTimestampWithoutACanonicalFormIsRefused() {
        PaymentTransaction farFuture = new PaymentTransaction("t", "m", 1, "EUR", PaymentStatus.CAPTURED,
                Instant.parse("+10000-01-01T00:00:00Z"), "us-east-1");
        assertThrows(IllegalArgumentException.class, () -> new RecordDigest().rowSha256(farFuture));
    }

    @Test
    void theWireTimestampIsUnchangedByTheCanonicalOne() {
        // one TimestampFormat serves both forms: the cached day must not leak one form's separator into the other
        TimestampFormat format = new TimestampFormat();
        byte[] buf = new byte[32];
        Instant t = Instant.parse("2026-11-25T16:38:15.123Z");
        int end = format.writeSpaced(t, buf, 0);
        assertEquals("2026-11-25 16:38:15.123", new String(buf, 0, end, StandardCharsets.US_ASCII));
        end = format.write(t, buf, 0);
        assertEquals("\"2026-11-25T16:38:15.123Z\"", new String(buf, 0, end, StandardCharsets.US_ASCII));
    }
}
