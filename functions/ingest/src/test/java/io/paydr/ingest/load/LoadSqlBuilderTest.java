package io.paydr.ingest.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paydr.aws.DataApiExecutor;
import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;
import io.paydr.aws.TableName;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LoadSqlBuilderTest {
    static final TableName PAYMENTS = new TableName("public", "payments");
    static final TableName LEDGER = new TableName("public", "payments_ingest_ledger");
    static final Instant LOADED_AT = Instant.parse("2026-11-25T18:00:00.250Z");
    private static final String SHA = "a".repeat(64);

    private final LoadSqlBuilder builder = new LoadSqlBuilder(LEDGER, "default");

    static PaymentTransaction payment(String id, String merchant) {
        return new PaymentTransaction(id, merchant, 1234, "EUR", PaymentStatus.CAPTURED,
                Instant.parse("2026-11-25T16:38:15.123Z"), "us-east-1");
    }

    static LedgerEntry ledger(String key, long rows) {
        return new LedgerEntry(key, "batch-" + key.hashCode(), SHA, rows, "msg-" + key);
    }

    @Test
    void aCopiedPayloadLoadsInOneIdempotentTransaction() {
        LoadUnit unit = LoadUnit.copy(PAYMENTS, CopyCommand.object("paydr-payloads", "payments/v1/dt=2026-11-25/hh=16/b1.jsonl.gz",
                true, Optional.of("us-east-1")), new LedgerEntry("payments/v1/dt=2026-11-25/hh=16/b1.jsonl.gz", "b1", SHA, 3, "m-1"));

        LoadTransaction tx = builder.build(List.of(unit), LOADED_AT);

        assertEquals(List.of(
                "LOCK public.payments, public.payments_ingest_ledger",
                "CREATE TEMP TABLE paydr_stage_0 (LIKE public.payments)",
                "COPY paydr_stage_0 FROM 's3://paydr-payloads/payments/v1/dt=2026-11-25/hh=16/b1.jsonl.gz' IAM_ROLE default"
                        + " FORMAT AS JSON 'auto' TIMEFORMAT 'auto' GZIP REGION 'us-east-1'",
                "INSERT INTO public.payments (transaction_id, merchant_id, amount_minor, currency, status, occurred_at,"
                        + " source_region) SELECT transaction_id, merchant_id, amount_minor, currency, status, occurred_at,"
                        + " source_region FROM (SELECT transaction_id, merchant_id, amount_minor, currency, status,"
                        + " occurred_at, source_region, ROW_NUMBER() OVER (PARTITION BY transaction_id ORDER BY occurred_at,"
                        + " merchant_id, amount_minor, currency, status, source_region) AS paydr_rn FROM paydr_stage_0) s"
                        + " WHERE s.paydr_rn = 1 AND NOT EXISTS (SELECT 1 FROM public.payments t"
                        + " WHERE t.transaction_id = s.transaction_id)",
                "DROP TABLE paydr_stage_0",
                "INSERT INTO public.payments_ingest_ledger (payload_key, batch_id, payload_sha256, row_count, message_id,"
                        + " loaded_at) SELECT payload_key, batch_id, payload_sha256, row_count, message_id, loaded_at FROM ("
                        + "SELECT 'payments/v1/dt=2026-11-25/hh=16/b1.jsonl.gz' AS payload_key, 'b1' AS batch_id, '" + SHA
                        + "' AS payload_sha256, CAST(3 AS BIGINT) AS row_count, CAST('m-1' AS VARCHAR(128)) AS message_id,"
                        + " CAST('2026-11-25 18:00:00.250' AS TIMESTAMP) AS loaded_at) v WHERE NOT EXISTS (SELECT 1 FROM"
                        + " public.payments_ingest_ledger l WHERE l.payload_key = v.payload_key)"),
                tx.statements());
        assertEquals(List.of(3), tx.targetInserts());
        assertEquals(List.of(5), tx.ledgerInserts());
        assertTrue(tx.fitsOneBatch());
    }

    @Test
    void copyWithARoleArnAndAManifestWithoutGzipOrRegion() {
        LoadSqlBuilder withRole = new LoadSqlBuilder(LEDGER, "arn:aws:iam::123456789012:role/paydr-copy");
        LoadUnit unit = new LoadUnit(PAYMENTS, List.of(CopyCommand.manifest("paydr-manifests", "manifests/m1.json", false,
                Optional.empty())), List.of(), List.of(ledger("k1", 1), ledger("k2", 2)));

        String copy = withRole.build(List.of(unit), LOADED_AT).statements().get(2);

        assertEquals("COPY paydr_stage_0 FROM 's3://paydr-manifests/manifests/m1.json' IAM_ROLE"
                + " 'arn:aws:iam::123456789012:role/paydr-copy' FORMAT AS JSON 'auto' TIMEFORMAT 'auto' MANIFEST", copy);
    }

    @Test
    void rowValuesAreEscapedLiterals() {
        LoadUnit unit = LoadUnit.rows(PAYMENTS, List.of(payment("t-1", "O'Hara \\ Sons'); DROP TABLE payments; --")),
                ledger("inline/b1", 1));

        String insert = builder.build(List.of(unit), LOADED_AT).statements().get(2);

        assertEquals("INSERT INTO paydr_stage_0 (transaction_id, merchant_id, amount_minor, currency, status,"
                + " occurred_at, source_region) VALUES ('t-1', 'O''Hara ' || CHR(92) || ' Sons''); DROP TABLE payments; --',"
                + " 1234, 'EUR', 'CAPTURED', '2026-11-25 16:38:15.123', 'us-east-1')", insert);
    }

    @Test
    void rowsOfSeveralPayloadsShareStatementsAndStayUnderTheSizeLimit() {
        List<LoadUnit> units = new ArrayList<>();
        for (int p = 0; p < 10; p++) {
            int payload = p;
            List<PaymentTransaction> rows = IntStream.range(0, 300)
                    .mapToObj(i -> payment("t-" + payload + "-" + i, "merchant-" + i)).toList();
            units.add(LoadUnit.rows(PAYMENTS, rows, ledger("inline/b" + p, 300)));
        }

        LoadTransaction tx = builder.build(units, LOADED_AT);

        List<String> stageInserts = tx.statements().stream().filter(s -> s.startsWith("INSERT INTO paydr_stage_0")).toList();
        int tuples = stageInserts.stream().mapToInt(s -> s.split("\\), \\(").length).sum();
        assertEquals(3000, tuples);
        assertTrue(stageInserts.size() <= 5, "3,000 rows of ~110 bytes need 4 statements, got " + stageInserts.size());
        tx.statements().forEach(s -> assertTrue(s.getBytes(StandardCharsets.UTF_8).length < DataApiExecutor.MAX_SQL_BYTES));
        assertTrue(tx.fitsOneBatch());
        assertEquals(1, tx.ledgerInserts().size());
        assertEquals(10, tx.statements().get(tx.ledgerInserts().get(0)).split("UNION ALL").length);
    }

    @Test
    void tooManyStatementsForOneBatchIsReported() {
        LoadSqlBuilder tiny = new LoadSqlBuilder(LEDGER, "default", 1_000);
        List<PaymentTransaction> rows = IntStream.range(0, 400).mapToObj(i -> payment("t-" + i, "m")).toList();

        LoadTransaction tx = tiny.build(List.of(LoadUnit.rows(PAYMENTS, rows, ledger("inline/b", 400))), LOADED_AT);

        assertFalse(tx.fitsOneBatch());
    }

    @Test
    void severalTablesGetOwnStagesAndAreLockedInNameOrder() {
        TableName refunds = new TableName("analytics", "refunds");
        List<LoadUnit> units = List.of(
                LoadUnit.rows(PAYMENTS, List.of(payment("t-1", "m")), ledger("inline/a", 1)),
                LoadUnit.rows(refunds, List.of(payment("t-2", "m")), ledger("inline/b", 1)));

        LoadTransaction tx = builder.build(units, LOADED_AT);

        assertEquals("LOCK analytics.refunds, public.payments, public.payments_ingest_ledger", tx.statements().get(0));
        assertEquals("CREATE TEMP TABLE paydr_stage_0 (LIKE analytics.refunds)", tx.statements().get(1));
        assertEquals("CREATE TEMP TABLE paydr_stage_1 (LIKE public.payments)", tx.statements().get(5));
        assertEquals(List.of(3, 7), tx.targetInserts());
    }

    @Test
    void aPayloadTwiceInOneLoadIsRefused() {
        LoadUnit a = LoadUnit.rows(PAYMENTS, List.of(payment("t-1", "m")), ledger("inline/same", 1));
        assertThrows(IllegalArgumentException.class, () -> builder.build(List.of(a, a), LOADED_AT));
    }

    @Test
    void ledgerLookupUsesNamedParameters() {
        assertEquals("SELECT payload_key FROM public.payments_ingest_ledger WHERE payload_key IN (:k0, :k1, :k2)",
                builder.ledgerLookup(3));
    }
}
