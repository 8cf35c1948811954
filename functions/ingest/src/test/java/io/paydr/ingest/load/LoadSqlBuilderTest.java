package io.paydr.ingest.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paydr.aws.DataApiExecutor;
import io.paydr.contract.PaymentStatus;
import io.paydr.contract.RecordDigest;
import io.paydr.contract.PaymentTransaction;
import io.paydr.aws.TableName;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LoadSqlBuilderTest {
    static final TableName PAYMENTS = new TableName("public", "payments");
    static final TableName LEDGER = new TableName("public", "payments_ingest_ledger");
    static final Instant LOADED_AT = Instant.parse("2026-11-25T18:00:00.250Z");
    private static final String SHA = "a".repeat(64);

    private final LoadSqlBuilder builder = new LoadSqlBuilder(LEDGER, "default", "paydr-staging");

    static PaymentTransaction payment(String id, String merchant) {
        return new PaymentTransaction(id, merchant, 1234, "EUR", PaymentStatus.CAPTURED,
                Instant.parse("2026-11-25T16:38:15.123Z"), "us-east-1");
    }

    static LedgerEntry ledger(String key, long rows) {
        return new LedgerEntry(Integer.toHexString(key.hashCode()).repeat(8).substring(0, 8) + SHA.substring(8), key,
                null, "batch-" + Math.abs(key.hashCode()), rows, "msg-" + key);
    }

    private static LoadUnit staged(String key, String identity) {
        return LoadUnit.staged(PAYMENTS, new LedgerEntry(identity, key, "paydr-payloads", "b1", 3, "m-1"),
                new StagedObject("paydr-staging", "staging/" + identity + ".jsonl", "c".repeat(64)));
    }

    @Test
    void stagedPayloadsLoadByOneCopyOfAManifestNamingExactlyTheirStagedObjects() {
        List<LoadUnit> units = List.of(staged("payments/v1/dt=2026-11-25/hh=16/b1.jsonl.gz", "1".repeat(64)),
                staged("payments/v1/dt=2026-11-25/hh=16/b2.jsonl", "2".repeat(64)));

        LoadTransaction tx = builder.build(units, LOADED_AT);

        List<String> copies = tx.statements().stream().filter(s -> s.startsWith("COPY")).toList();
        assertEquals(1, copies.size(), "one COPY for every staged payload of a table");
        assertEquals(1, tx.manifests().size());
        String key = tx.manifests().keySet().iterator().next();
        String manifest = tx.manifests().get(key);
        assertEquals("manifests/" + io.paydr.contract.Sha256.hexOf(manifest.getBytes(StandardCharsets.UTF_8)) + ".json",
                key, "manifests are content-addressed");
        assertEquals("{\"entries\":[{\"url\":\"s3://paydr-staging/staging/" + "1".repeat(64) + ".jsonl\","
                + "\"mandatory\":true},{\"url\":\"s3://paydr-staging/staging/" + "2".repeat(64) + ".jsonl\","
                + "\"mandatory\":true}]}", manifest);
        assertEquals("COPY paydr_stage_0 FROM 's3://paydr-staging/" + key + "' IAM_ROLE default FORMAT AS JSON 'auto'"
                + " TIMEFORMAT 'auto' MANIFEST", copies.get(0));
        assertEquals("LOCK public.payments, public.payments_conflicts, public.payments_ingest_ledger",
                tx.statements().get(0));
        assertTrue(tx.statements().stream().anyMatch(s -> s.startsWith("INSERT INTO paydr_check")),
                "the transaction proves the staged rows before merging them");
        assertTrue(tx.fitsOneBatch());
        assertEquals(1, tx.targetInserts().size());
        assertEquals(2, tx.conflictInserts().size());
        assertTrue(tx.statements().get(tx.targetInserts().get(0)).startsWith("INSERT INTO public.payments "));
    }

    @Test
    void copyWithARoleArn() {
        LoadSqlBuilder withRole = new LoadSqlBuilder(LEDGER, "arn:aws:iam::123456789012:role/paydr-copy", "paydr-staging");

        String copy = withRole.build(List.of(staged("k1", "1".repeat(64))), LOADED_AT).statements().stream()
                .filter(s -> s.startsWith("COPY")).findFirst().orElseThrow();

        assertTrue(copy.contains(" IAM_ROLE 'arn:aws:iam::123456789012:role/paydr-copy' FORMAT AS JSON 'auto'"), copy);
    }

    @Test
    void rowValuesAreEscapedLiterals() {
        LoadUnit unit = LoadUnit.rows(PAYMENTS, ledger("inline/b1", 1),
                List.of(payment("t-1", "O'Hara \\ Sons'); DROP TABLE payments; --")));

        String insert = builder.build(List.of(unit), LOADED_AT).statements().stream()
                .filter(s -> s.startsWith("INSERT INTO paydr_stage_0")).findFirst().orElseThrow();

        assertEquals("INSERT INTO paydr_stage_0 (transaction_id, merchant_id, amount_minor, currency, status,"
                + " occurred_at, source_region, payload_sha256, line_no, row_sha256) VALUES ('t-1', 'O''Hara ' || CHR(92)"
                + " || ' Sons''); DROP TABLE payments; --', 1234, 'EUR', 'CAPTURED', '2026-11-25 16:38:15.123',"
                + " 'us-east-1', '" + unit.identity() + "', 0, '" + new RecordDigest().rowSha256(unit.rows().get(0))
                + "')", insert);
    }

    @Test
    void rowsOfSeveralPayloadsShareStatementsAndStayUnderTheSizeLimit() {
        List<LoadUnit> units = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            int payload = p;
            List<PaymentTransaction> rows = IntStream.range(0, 300)
                    .mapToObj(i -> payment("t-" + payload + "-" + i, "merchant-" + i)).toList();
            units.add(LoadUnit.rows(PAYMENTS, ledger("inline/b" + p, 300), rows));
        }

        LoadTransaction tx = builder.build(units, LOADED_AT);

        List<String> stageInserts = tx.statements().stream().filter(s -> s.startsWith("INSERT INTO paydr_stage_0")).toList();
        int tuples = stageInserts.stream().mapToInt(s -> s.split("\\), \\(").length).sum();
        assertEquals(3000, tuples);
        assertTrue(stageInserts.size() <= 9, "3,000 rows of ~255 bytes (their payload's identity, line number and"
                + " row_sha256 included) need 8 statements, got " + stageInserts.size());
        tx.statements().forEach(s -> assertTrue(s.getBytes(StandardCharsets.UTF_8).length < DataApiExecutor.MAX_SQL_BYTES));
        assertTrue(tx.fitsOneBatch());
        assertTrue(tx.manifests().isEmpty(), "nothing staged, nothing to COPY");
        String payloads = tx.statements().stream().filter(s -> s.startsWith("INSERT INTO paydr_payloads")).findFirst()
                .orElseThrow();
        assertEquals(10, payloads.split("\\), \\(").length, "one row per payload for the ledger and the check");
    }

    @Test
    void tooManyStatementsForOneBatchIsReported() {
        LoadSqlBuilder tiny = new LoadSqlBuilder(LEDGER, "default", "paydr-staging", 1_000);
        List<PaymentTransaction> rows = IntStream.range(0, 400).mapToObj(i -> payment("t-" + i, "m")).toList();

        LoadTransaction tx = tiny.build(List.of(LoadUnit.rows(PAYMENTS, ledger("inline/b", 400), rows)), LOADED_AT);

        assertFalse(tx.fitsOneBatch());
    }

    @Test
    void severalTablesGetOwnStagesAndAreLockedInNameOrder() {
        TableName refunds = new TableName("analytics", "refunds");
        List<LoadUnit> units = List.of(
                LoadUnit.rows(PAYMENTS, ledger("inline/a", 1), List.of(payment("t-1", "m"))),
                LoadUnit.rows(refunds, ledger("inline/b", 1), List.of(payment("t-2", "m"))));

        LoadTransaction tx = builder.build(units, LOADED_AT);

        assertEquals("LOCK analytics.refunds, analytics.refunds_conflicts, public.payments, public.payments_conflicts,"
                + " public.payments_ingest_ledger", tx.statements().get(0));
        List<String> stages = tx.statements().stream().filter(s -> s.startsWith("CREATE TEMP TABLE paydr_stage_")).toList();
        assertEquals(2, stages.size());
        assertEquals(2, tx.targetInserts().size());
        assertTrue(tx.statements().get(tx.targetInserts().get(0)).startsWith("INSERT INTO analytics.refunds "));
        assertTrue(tx.statements().get(tx.targetInserts().get(1)).startsWith("INSERT INTO public.payments "));
    }

    @Test
    void aPayloadTwiceInOneLoadIsRefused() {
        LoadUnit a = LoadUnit.rows(PAYMENTS, ledger("inline/same", 1), List.of(payment("t-1", "m")));
        assertThrows(IllegalArgumentException.class, () -> builder.build(List.of(a, a), LOADED_AT));
    }

    @Test
    void theLedgerCheckIsASelectUnderTheLockBeforeAnythingIsWritten() {
        List<LoadUnit> units = List.of(staged("payments/k1.jsonl", "1".repeat(64)), staged("payments/k2.jsonl", "2".repeat(64)));

        LoadTransaction tx = builder.build(units, LOADED_AT);

        String select = tx.statements().get(tx.knownLedgerRows());
        assertEquals("SELECT l.payload_sha256, l.payload_key, l.bucket FROM public.payments_ingest_ledger l WHERE"
                + " l.payload_sha256 IN (SELECT payload_sha256 FROM paydr_payloads) OR l.payload_key IN"
                + " (SELECT payload_key FROM paydr_payloads)", select);
        assertTrue(tx.statements().get(0).startsWith("LOCK "));
        for (int i = 0; i < tx.knownLedgerRows(); i++) {
            String before = tx.statements().get(i);
            assertFalse(before.startsWith("INSERT INTO public.") || before.startsWith("COPY")
                    || before.startsWith("DELETE") || before.startsWith("UPDATE"), "written before the check: " + before);
        }
        assertEquals("id:" + (tx.knownLedgerRows() + 1), tx.knownLedgerRowsId(new io.paydr.aws.StatementResult("id",
                List.of())), "read back by its sub-statement id, counted from 1");
    }

    @Test
    void otherKeysOfTheSamePayloadsAreCheckedToo() {
        List<LoadUnit> units = List.of(staged("payments/k1.jsonl", "1".repeat(64)));

        LoadTransaction tx = builder.build(units, java.util.Set.of("payments/k1.jsonl", "payments/k1-again.jsonl"),
                LOADED_AT);

        assertTrue(tx.statements().contains("INSERT INTO paydr_other_keys (payload_key) VALUES ('payments/k1-again.jsonl')"),
                tx.statements().toString());
        assertTrue(tx.statements().get(tx.knownLedgerRows()).endsWith(
                " OR l.payload_key IN (SELECT payload_key FROM paydr_other_keys)"));
        assertFalse(builder.build(units, java.util.Set.of("payments/k1.jsonl"), LOADED_AT).statements().stream()
                .anyMatch(sql -> sql.contains("paydr_other_keys")), "a unit's own key needs no extra table");
    }
}
