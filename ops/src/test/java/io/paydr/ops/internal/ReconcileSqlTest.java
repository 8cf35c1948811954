package io.paydr.ops.internal;

import io.paydr.aws.TableName;
import io.paydr.ops.TimeRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconcileSqlTest {

    private static final TableName PAYMENTS = TableName.parse("public.payments");
    private static final TableName LEDGER = TableName.parse("public.payments_ingest_ledger");
    private static final TimeRange RANGE = TimeRange.parse("2026-11-25T23:30:00Z", "2026-11-26T02:00:00Z");

    @Test
    void hourBucketsAggregateInSqlWithTheRangeAsParameters() {
        ReconcileSql.Statement s = ReconcileSql.hourBuckets(PAYMENTS, RANGE);
        assertTrue(s.sql().contains("GROUP BY 1"), s.sql());
        assertTrue(s.sql().contains("COUNT(*)") && s.sql().contains("SUM(amount_minor)"), s.sql());
        assertTrue(s.sql().contains(io.paydr.contract.RecordDigestSql.rowSha256("")), "every column digested: " + s.sql());
        assertTrue(s.sql().contains("FROM public.payments WHERE"), s.sql());
        assertFalse(s.sql().contains("2026"), "times travel as parameters, not in the text");
        assertEquals(Map.of("range_start", "2026-11-25 23:30:00.000", "range_end", "2026-11-26 02:00:00.000"),
                s.parameters());
    }

    @Test
    void transactionsOfASliceSelectIdAndTheDigestOfEveryColumn() {
        ReconcileSql.Statement s = ReconcileSql.transactions(PAYMENTS,
                RANGE.clipHour(Instant.parse("2026-11-25T23:00:00Z")));
        assertTrue(s.sql().startsWith("SELECT transaction_id, " + io.paydr.contract.RecordDigestSql.rowSha256("")
                + " FROM public.payments"), s.sql());
        assertEquals(Map.of("range_start", "2026-11-25 23:30:00.000", "range_end", "2026-11-26 00:00:00.000"),
                s.parameters());
    }

    @Test
    void ledgerBucketsFilterEveryDayOfTheRangeByKeyPartition() {
        ReconcileSql.Statement s = ReconcileSql.ledgerHourBuckets(LEDGER, RANGE);
        assertEquals(Map.of("first_day", "2026-11-25", "last_day", "2026-11-26"), s.parameters());
        assertTrue(s.sql().contains("BETWEEN :first_day AND :last_day"), s.sql());
    }

    @Test
    void ledgerRangeEndingAtMidnightDoesNotTouchTheNextDay() {
        ReconcileSql.Statement s = ReconcileSql.ledgerHourBuckets(LEDGER,
                TimeRange.parse("2026-11-25T10:00:00Z", "2026-11-26T00:00:00Z"));
        assertEquals(Map.of("first_day", "2026-11-25", "last_day", "2026-11-25"), s.parameters());
    }

    @Test
    void ledgerKeysOfOneHour() {
        ReconcileSql.Statement s = ReconcileSql.ledgerKeys(LEDGER, Instant.parse("2026-11-26T01:00:00Z"));
        assertEquals(Map.of("hour_pattern", "%/dt=2026-11-26/hh=01/%"), s.parameters());
    }

    @Test
    void hourLabelsParseBackToTheHour() {
        assertEquals(Instant.parse("2026-11-26T01:00:00Z"), ReconcileSql.parseHour("2026-11-26 01"));
        assertEquals(Instant.parse("2026-11-26T01:00:00Z"), LedgerKeys.hourOfLabel("2026-11-26 01"));
        assertEquals(null, LedgerKeys.hourOfLabel("ments/v1/x "), "keys off the layout are skipped");
    }

    @Test
    void tableNamesAreCheckedBeforeTheyReachSql() {
        assertThrows(IllegalArgumentException.class, () -> TableName.parse("payments; DROP TABLE x"));
        assertThrows(IllegalArgumentException.class, () -> TableName.parse("a.b.c"));
        assertEquals("public.payments", TableName.parse("payments").qualified());
    }

    @Test
    void ledgerKeysCompareWithoutTheirBucket() {
        assertEquals("payments/v1/dt=2026-11-25/hh=16/b1.jsonl",
                LedgerKeys.normalize("s3://replica-bucket/payments/v1/dt=2026-11-25/hh=16/b1.jsonl"));
        assertEquals("payments/v1/dt=2026-11-25/hh=16/b1.jsonl",
                LedgerKeys.normalize("payments/v1/dt=2026-11-25/hh=16/b1.jsonl"));
    }
}
