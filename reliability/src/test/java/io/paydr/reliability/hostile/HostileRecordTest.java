package io.paydr.reliability.hostile;

import static io.paydr.reliability.support.LambdaEvents.pointerMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.ReasonCode;
import io.paydr.reliability.support.Records;
import io.paydr.reliability.support.StoredPayload;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Payloads with one invalid record among valid ones (issue #7): the whole payload is rejected with the record's
 * reason, none of its rows is loaded (not even the valid ones before the bad line), the rest of the batch commits,
 * and the offending value does not appear in the log. Each case runs as a small identity payload and as a large gzip
 * one (which the mixed handler would load by COPY).
 */
class HostileRecordTest {
    private static final HostileInputFixture FIXTURE = HostileInputFixture.get();
    private static final String MARKER = "SECRETMARKER";

    @AfterAll
    static void summary() {
        FIXTURE.outcomes().forEach(line -> System.out.println("[hostile] " + line));
    }

    static Stream<Arguments> badRecords() {
        List<Arguments> cases = new ArrayList<>();
        add(cases, "float amount", "amount_minor", "1.5", ReasonCode.MALFORMED_PAYLOAD);
        add(cases, "float amount with zero fraction", "amount_minor", "1999.0", ReasonCode.MALFORMED_PAYLOAD);
        add(cases, "exponent amount", "amount_minor", "2e3", ReasonCode.MALFORMED_PAYLOAD);
        add(cases, "amount above int64", "amount_minor", "9223372036854775808", ReasonCode.MALFORMED_PAYLOAD);
        add(cases, "amount below int64", "amount_minor", "-9223372036854775809", ReasonCode.MALFORMED_PAYLOAD);
        add(cases, "amount 70 digits", "amount_minor", "9".repeat(70), ReasonCode.MALFORMED_PAYLOAD);
        add(cases, "amount as string", "amount_minor", "\"1999\"", ReasonCode.MALFORMED_PAYLOAD);
        add(cases, "amount NaN", "amount_minor", "NaN", ReasonCode.MALFORMED_PAYLOAD);
        add(cases, "amount null", "amount_minor", "null", ReasonCode.MALFORMED_PAYLOAD);
        add(cases, "lower-case currency", "currency", "\"eur\"", ReasonCode.SCHEMA_VIOLATION);
        add(cases, "four-letter currency", "currency", "\"EURO\"", ReasonCode.SCHEMA_VIOLATION);
        add(cases, "currency with quote", "currency", "\"E'R\"", ReasonCode.SCHEMA_VIOLATION);
        add(cases, "currency symbol", "currency", "\"€UR\"", ReasonCode.SCHEMA_VIOLATION);
        add(cases, "month 13", "occurred_at", "\"2026-13-01T00:00:00.000Z\"", ReasonCode.MALFORMED_PAYLOAD);
        add(cases, "february 30", "occurred_at", "\"2026-02-30T00:00:00.000Z\"", ReasonCode.MALFORMED_PAYLOAD);
        add(cases, "timestamp without T", "occurred_at", "\"2026-11-25 16:38:15.123\"", ReasonCode.MALFORMED_PAYLOAD);
        add(cases, "timestamp without millis", "occurred_at", "\"2026-11-25T16:38:15Z\"", ReasonCode.MALFORMED_PAYLOAD);
        add(cases, "timestamp with offset", "occurred_at", "\"2026-11-25T16:38:15.123+01:00\"", ReasonCode.MALFORMED_PAYLOAD);
        add(cases, "timestamp as epoch number", "occurred_at", "1764088695123", ReasonCode.MALFORMED_PAYLOAD);
        add(cases, "timestamp with SQL", "occurred_at", "\"2026-11-25'); DROP TABLE x; --\"", ReasonCode.MALFORMED_PAYLOAD);
        add(cases, "unknown status", "status", "\"PENDING\"", ReasonCode.SCHEMA_VIOLATION);
        add(cases, "transaction id with SQL", "transaction_id", "\"x'); DROP TABLE payments; --" + MARKER + "\"",
                ReasonCode.SCHEMA_VIOLATION);
        add(cases, "empty transaction id", "transaction_id", "\"\"", ReasonCode.SCHEMA_VIOLATION);
        add(cases, "65-char transaction id", "transaction_id", "\"" + "t".repeat(65) + "\"", ReasonCode.SCHEMA_VIOLATION);
        add(cases, "65-byte merchant id", "merchant_id", "\"" + MARKER + "m".repeat(53) + "\"", ReasonCode.SCHEMA_VIOLATION);
        add(cases, "merchant id of 17 emoji (68 bytes)", "merchant_id", Records.quoted("💳".repeat(17)),
                ReasonCode.SCHEMA_VIOLATION);
        add(cases, "merchant id of 200 KiB", "merchant_id", "\"" + MARKER + "x".repeat(200 * 1024) + "\"",
                ReasonCode.SCHEMA_VIOLATION);
        add(cases, "merchant id beyond the parser's 256 KiB limit", "merchant_id",
                "\"" + MARKER + "x".repeat(5 * 1024 * 1024) + "\"", ReasonCode.MALFORMED_PAYLOAD);
        add(cases, "merchant id with NUL", "merchant_id", "\"a\\u0000" + MARKER + "\"", ReasonCode.SCHEMA_VIOLATION);
        add(cases, "merchant id with tab", "merchant_id", "\"a\\t" + MARKER + "\"", ReasonCode.SCHEMA_VIOLATION);
        add(cases, "merchant id with lone surrogate", "merchant_id", "\"a\\ud800" + MARKER + "\"",
                ReasonCode.SCHEMA_VIOLATION);
        add(cases, "merchant id as object", "merchant_id", "{\"$ne\":null}", ReasonCode.MALFORMED_PAYLOAD);
        add(cases, "source region with SQL", "source_region", "\"us-east-1'; --" + MARKER + "\"",
                ReasonCode.SCHEMA_VIOLATION);
        add(cases, "extra field", "comment", "\"" + MARKER + "\"", ReasonCode.MALFORMED_PAYLOAD);
        add(cases, "missing field", "currency", null, ReasonCode.MALFORMED_PAYLOAD);
        return cases.stream();
    }

    private static void add(List<Arguments> cases, String name, String field, String rawValue, ReasonCode reason) {
        for (ContentEncoding encoding : ContentEncoding.values()) {
            cases.add(Arguments.of(name, field, rawValue, reason, encoding));
        }
    }

    @ParameterizedTest(name = "{0} ({4})")
    @MethodSource("badRecords")
    void invalidRecordRejectsItsWholePayload(String name, String field, String rawValue, ReasonCode reason,
                                             ContentEncoding encoding) {
        String prefix = "rec-" + name.replaceAll("[^A-Za-z0-9]", "-") + "-" + encoding.headerValue();
        Map<String, String> override = new HashMap<>();
        override.put(field, rawValue);
        int valid = encoding == ContentEncoding.GZIP ? 400 : 3;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < valid; i++) {
            lines.add(Records.line(prefix + "-" + i));
        }
        lines.add(Records.line(prefix + "-bad", override));
        lines.add(Records.line(prefix + "-after"));
        StoredPayload payload = FIXTURE.store.putLines(FIXTURE.allowedBucket, lines, encoding);

        FIXTURE.assertRejectedAlone(name + " (" + encoding.headerValue() + ")",
                pointerMessage("h-" + prefix, payload), reason, MARKER);
        assertEquals(0, FIXTURE.warehouse.rowsWithPrefix(prefix), "no row of the rejected payload");
    }

    @Test
    void invalidUtf8IsRejected() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes((Records.line("utf8-0") + "\n").getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(Records.line("utf8-bad", Map.of("merchant_id", "\"a@b\"")).getBytes(StandardCharsets.UTF_8));
        byte[] stored = bytes.toByteArray();
        int at = new String(stored, StandardCharsets.ISO_8859_1).lastIndexOf("a@b") + 1;
        stored[at] = (byte) 0xC3; // a lead byte followed by 'b' is not UTF-8
        stored = Arrays.copyOf(stored, stored.length + 1);
        stored[stored.length - 1] = '\n';
        StoredPayload payload = FIXTURE.store.putBytes(FIXTURE.allowedBucket, stored, 2, ContentEncoding.IDENTITY);
        FIXTURE.assertRejectedAlone("invalid UTF-8", pointerMessage("h-utf8", payload), ReasonCode.MALFORMED_PAYLOAD);
        assertEquals(0, FIXTURE.warehouse.rowsWithPrefix("utf8-"));
    }

    @Test
    void twoRecordsOnOneLineOrABlankLineAreRejected() {
        StoredPayload shared = FIXTURE.store.putBytes(FIXTURE.allowedBucket,
                (Records.line("line-a") + Records.line("line-b") + "\n").getBytes(StandardCharsets.UTF_8), 2,
                ContentEncoding.IDENTITY);
        FIXTURE.assertRejectedAlone("two records on one line", pointerMessage("h-line-shared", shared),
                ReasonCode.MALFORMED_PAYLOAD);
        StoredPayload blank = FIXTURE.store.putLines(FIXTURE.allowedBucket,
                List.of(Records.line("line-c"), "", Records.line("line-d")), ContentEncoding.IDENTITY);
        FIXTURE.assertRejectedAlone("blank line", pointerMessage("h-line-blank", blank.withRecords(2)),
                ReasonCode.MALFORMED_PAYLOAD);
        assertEquals(0, FIXTURE.warehouse.rowsWithPrefix("line-"));
    }
}
