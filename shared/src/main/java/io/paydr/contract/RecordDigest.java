package io.paydr.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The identity of a record's content, the same in Java and in the warehouse's SQL.
 *
 * <p>The <b>canonical encoding</b> of a record is its seven fields in contract order, joined by the unit separator
 * U+001F: {@code transaction_id, merchant_id, amount_minor (decimal), currency, status,
 * occurred_at (yyyy-MM-dd HH:mm:ss.SSS, UTC), source_region}, as UTF-8. No field can contain U+001F (the contract
 * forbids control characters in merchant_id; the other fields have fixed alphabets), so the encoding is unambiguous.
 * Its lowercase hex SHA-256 is the record's {@code row_sha256}: both Regions break ties between versions of one
 * {@code transaction_id} with it, so the winner never depends on arrival order.
 *
 * <p>{@link RowsDigest} binds an ordered list of records through their row_sha256; the ingest function uses it to
 * prove, inside the load transaction, that the rows Redshift staged are the rows it verified.
 *
 * <p>Not thread-safe (it reuses one digest and buffer); cheap to create.
 */
public final class RecordDigest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte SEPARATOR = 0x1F;

    private final MessageDigest sha256 = Sha256.newDigest();
    private byte[] buf = new byte[512];
    private int pos;
    private final TimestampFormat timestamps = new TimestampFormat();

    /** The lowercase hex SHA-256 of the record's canonical encoding. */
    public String rowSha256(PaymentTransaction r) {
        pos = 0;
        encode(r);
        return digestHex();
    }

    /** The canonical encoding as text (for documentation and tests; the digests above do not build it). */
    public static String canonical(PaymentTransaction r) {
        RecordDigest d = new RecordDigest();
        d.encode(r);
        return new String(d.buf, 0, d.pos, StandardCharsets.UTF_8);
    }

    private String digestHex() {
        sha256.update(buf, 0, pos);
        return HEX.formatHex(sha256.digest());
    }

    private void encode(PaymentTransaction r) {
        text(r.transactionId());
        separator();
        text(r.merchantId());
        separator();
        ascii(Long.toString(r.amountMinor()));
        separator();
        text(r.currency());
        separator();
        ascii(r.status().name());
        separator();
        timestamp(r.occurredAt());
        separator();
        text(r.sourceRegion());
    }

    private void separator() {
        reserve(1);
        buf[pos++] = SEPARATOR;
    }

    private void ascii(String s) {
        reserve(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    private void text(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                reserve(utf8.length);
                System.arraycopy(utf8, 0, buf, pos, utf8.length);
                pos += utf8.length;
                return;
            }
        }
        ascii(s);
    }

    /** yyyy-MM-dd HH:mm:ss.SSS in UTC (the wire format's writer, with a space for the T and no zone). */
    private void timestamp(Instant t) {
        reserve(23);
        pos = timestamps.writeSpaced(t, buf, pos);
    }

    private void reserve(int n) {
        if (pos + n > buf.length) {
            byte[] bigger = new byte[Math.max(buf.length * 2, pos + n)];
            System.arraycopy(buf, 0, bigger, 0, pos);
            buf = bigger;
        }
    }
}
