package io.paydr.reliability.hostile;

import static io.paydr.reliability.support.LambdaEvents.event;
import static io.paydr.reliability.support.LambdaEvents.failures;
import static io.paydr.reliability.support.LambdaEvents.pointerMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.PaymentValidator;
import io.paydr.contract.RecordDigest;
import io.paydr.reliability.support.StoredPayload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The INSERT path and the COPY path store the same rows (issue 13): generated records with edge-case timestamps,
 * escapes, multi-byte text up to VARCHAR(64)'s 64 bytes and extreme amounts go through both paths on devstack, and
 * every column read back is equal, and the warehouse's row_sha256 equals the contract's digest on both.
 * {@code -Dpaydr.differential.seed=S} reproduces a run (the seed is printed on failure).
 */
class InsertCopyDifferentialTest {
    private static final HostileInputFixture FIXTURE = HostileInputFixture.get();
    private static final long SEED = Long.getLong("paydr.differential.seed", new Random().nextLong());
    private static final String[] TEXT = {"a", "Z9", "O'Brien", "back\\slash", "quote\"d", "tab\tnot allowed",
            "caf\u00e9", "\u00fc\u00f1\u00ee\u00e7\u00f8d\u00e9", "\u65e5\u672c\u8a9e", "\ud83d\udcb3\ud83d\ude00", "%_LIKE",
            "semi;colon", "{\"json\":1}", "\u00a0nbsp", "\u200bzero-width", "\u0130dotted"};
    private static final Instant[] TIMES = {Instant.parse("0001-01-01T00:00:00.000Z"),
            Instant.parse("1969-12-31T23:59:59.999Z"), Instant.parse("1970-01-01T00:00:00.000Z"),
            Instant.parse("2024-02-29T12:00:00.001Z"), Instant.parse("2026-12-31T23:59:59.999Z"),
            Instant.parse("9999-12-31T23:59:59.999Z"), Instant.parse("2026-03-29T01:30:00.500Z")};
    private static final long[] AMOUNTS = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1, 999_999_999_999L};
    private static final String[] CURRENCIES = {"EUR", "USD", "JPY", "XXX"};
    private static final String[] REGIONS = {"us-east-1", "us-west-2", "ap-southeast-2", "us-gov-west-1"};

    private static String merchant(Random random) {
        StringBuilder m = new StringBuilder();
        int parts = 1 + random.nextInt(6);
        for (int i = 0; i < parts; i++) {
            m.append(TEXT[random.nextInt(TEXT.length)]);
        }
        String s = m.toString().replace("\t", " ");
        while (s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 64 || s.length() > 64) {
            s = s.substring(0, s.length() - (Character.isLowSurrogate(s.charAt(s.length() - 1)) ? 2 : 1));
        }
        return s.isEmpty() ? "m" : s;
    }

    private static List<PaymentTransaction> generate(Random random, String prefix, int count) {
        List<PaymentTransaction> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = random.nextInt(3) == 0 ? TIMES[random.nextInt(TIMES.length)]
                    : Instant.ofEpochMilli(random.nextLong(-62_135_596_800_000L, 253_402_300_799_999L));
            long amount = random.nextInt(3) == 0 ? AMOUNTS[random.nextInt(AMOUNTS.length)] : random.nextLong();
            records.add(new PaymentTransaction(prefix + String.format("%04d", i), merchant(random), amount,
                    CURRENCIES[random.nextInt(CURRENCIES.length)],
                    PaymentStatus.values()[random.nextInt(PaymentStatus.values().length)], at,
                    REGIONS[random.nextInt(REGIONS.length)]));
        }
        return records;
    }

    private static PaymentTransaction withoutPrefix(PaymentTransaction r, String prefix) {
        return new PaymentTransaction(r.transactionId().substring(prefix.length()), r.merchantId(), r.amountMinor(),
                r.currency(), r.status(), r.occurredAt(), r.sourceRegion());
    }

    @Test
    void bothPathsStoreTheSameRowsForGeneratedRecords() {
        Random random = new Random(SEED);
        List<PaymentTransaction> records = generate(random, "", 300);
        assertEquals(List.of(), PaymentValidator.validate(records), "seed " + SEED + ": generated records are valid");
        String insertPrefix = "di" + Long.toHexString(SEED & 0xffffff) + "-";
        String copyPrefix = "dc" + Long.toHexString(SEED & 0xffffff) + "-";
        List<PaymentTransaction> viaInsert = records.stream().map(r -> prefixed(r, insertPrefix)).toList();
        List<PaymentTransaction> viaCopy = records.stream().map(r -> prefixed(r, copyPrefix)).toList();
        StoredPayload insertPayload = FIXTURE.store.put(FIXTURE.allowedBucket, viaInsert, ContentEncoding.IDENTITY);
        StoredPayload copyPayload = FIXTURE.store.put(FIXTURE.allowedBucket, viaCopy, ContentEncoding.GZIP);

        assertEquals(List.of(), failures(FIXTURE.insertHandler.handleRequest(
                event(pointerMessage("diff-i-" + SEED, insertPayload)), null)), "seed " + SEED);
        assertEquals(List.of(), failures(FIXTURE.copyHandler.handleRequest(
                event(pointerMessage("diff-c-" + SEED, copyPayload)), null)), "seed " + SEED);

        List<PaymentTransaction> insertRows = FIXTURE.warehouse.rows(insertPrefix).stream()
                .map(r -> withoutPrefix(r, insertPrefix)).toList();
        List<PaymentTransaction> copyRows = FIXTURE.warehouse.rows(copyPrefix).stream()
                .map(r -> withoutPrefix(r, copyPrefix)).toList();
        assertEquals(records, insertRows, "seed " + SEED + ": the INSERT path stores the records verbatim");
        assertEquals(insertRows, copyRows, "seed " + SEED + ": the COPY path stores what the INSERT path stores");
        RecordDigest digest = new RecordDigest();
        for (String prefix : List.of(insertPrefix, copyPrefix)) {
            List<String> expected = records.stream().map(r -> digest.rowSha256(prefixed(r, prefix))).sorted().toList();
            assertEquals(expected, FIXTURE.warehouse.rowDigests(prefix), "seed " + SEED
                    + ": the warehouse's row_sha256 is the contract's digest (" + prefix + ")");
        }
        FIXTURE.record("INSERT/COPY differential", records.size() + " generated records stored identically by both"
                + " paths, row_sha256 as the contract computes it");
    }

    private static PaymentTransaction prefixed(PaymentTransaction r, String prefix) {
        return new PaymentTransaction(prefix + r.transactionId(), r.merchantId(), r.amountMinor(), r.currency(),
                r.status(), r.occurredAt(), r.sourceRegion());
    }
}
