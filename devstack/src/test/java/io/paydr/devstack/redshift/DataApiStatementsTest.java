package io.paydr.devstack.redshift;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.redshiftdata.model.ColumnMetadata;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.Field;
import software.amazon.awssdk.services.redshiftdata.model.GetStatementResultResponse;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;

import java.util.List;

import static io.paydr.devstack.redshift.TestWarehouse.param;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ExecuteStatement, DescribeStatement and GetStatementResult through the real SDK client. */
class DataApiStatementsTest {

    @AutoClose
    static final TestWarehouse wh = TestWarehouse.start();

    @Test
    void selectReturnsTypedFieldsAndColumnMetadata() {
        DescribeStatementResponse d = wh.ok("SELECT 42::int8 AS n, 1.5::float8 AS f, 'abc'::varchar(10) AS s, true AS b, "
                + "NULL::int4 AS z, 12.34::numeric(10,2) AS d, '\\x0102'::bytea AS blob, timestamp '2026-01-02 03:04:05' AS ts");
        assertTrue(d.hasResultSet());
        assertEquals(1, d.resultRows());
        GetStatementResultResponse r = wh.client.getStatementResult(b -> b.id(d.id()));
        List<Field> row = r.records().get(0);
        assertEquals(42L, row.get(0).longValue());
        assertEquals(1.5, row.get(1).doubleValue());
        assertEquals("abc", row.get(2).stringValue());
        assertEquals(true, row.get(3).booleanValue());
        assertEquals(true, row.get(4).isNull());
        assertEquals("12.34", row.get(5).stringValue());
        assertArrayEquals(new byte[] {1, 2}, row.get(6).blobValue().asByteArray());
        assertEquals("2026-01-02 03:04:05", row.get(7).stringValue());
        assertEquals(1, r.totalNumRows());
        ColumnMetadata s = r.columnMetadata().get(2);
        assertEquals("s", s.name());
        assertEquals("varchar", s.typeName());
        ColumnMetadata dec = r.columnMetadata().get(5);
        assertEquals("numeric", dec.typeName());
        assertEquals(10, dec.precision());
        assertEquals(2, dec.scale());
        assertEquals("int8", r.columnMetadata().get(0).typeName());
    }

    @Test
    void aggregatesAndFunctionsAnswerWithRedshiftTypes() {
        DescribeStatementResponse d = wh.ok("SELECT sum(x) AS total, sum(x) FILTER (WHERE false) AS none, sum(x::numeric(10,2)) AS dec, "
                + "nvl(NULL::varchar, 'fallback') AS n FROM (VALUES (1::bigint), (2::bigint)) v(x)");
        GetStatementResultResponse r = wh.client.getStatementResult(b -> b.id(d.id()));
        List<Field> row = r.records().get(0);
        assertEquals(3L, row.get(0).longValue(), "SUM(BIGINT) is a BIGINT in Redshift");
        assertEquals("int8", r.columnMetadata().get(0).typeName());
        assertEquals(true, row.get(1).isNull());
        assertEquals("3.00", row.get(2).stringValue());
        assertEquals("fallback", row.get(3).stringValue());
    }

    @Test
    void statementRunsAsynchronouslyThroughItsLifecycle() {
        String id = wh.submit("SELECT pg_sleep(2)");
        StatusString early = wh.client.describeStatement(b -> b.id(id)).status();
        assertTrue(early == StatusString.SUBMITTED || early == StatusString.STARTED, "early status " + early);
        DescribeStatementResponse d = wh.awaitFinal(id);
        assertEquals(StatusString.FINISHED, d.status());
        assertTrue(d.duration() >= 1_900_000_000L, "Duration is in nanoseconds: " + d.duration());
        assertTrue(d.redshiftPid() > 0);
        assertFalse(d.updatedAt().isBefore(d.createdAt()));
        assertEquals("SELECT pg_sleep(2)", d.queryString());
    }

    @Test
    void namedParametersBindStringsThatPostgresTypes() {
        wh.ok("DROP TABLE IF EXISTS param_t");
        wh.ok("CREATE TABLE param_t (id BIGINT, name VARCHAR(64), at TIMESTAMP)");
        String tricky = "O'Brien'); DROP TABLE param_t; --";
        DescribeStatementResponse ins = wh.ok("INSERT INTO param_t VALUES (:id, :name, :at), (:id2, :name, :at)",
                param("id", "7"), param("id2", "8"), param("name", tricky), param("at", "2026-11-25T10:00:00"));
        assertEquals(2, ins.resultRows());
        assertEquals(tricky, ins.queryParameters().stream().filter(p -> p.name().equals("name")).findFirst().orElseThrow().value());
        assertFalse(ins.hasResultSet());
        DescribeStatementResponse sel = wh.ok("SELECT id, name, at FROM param_t WHERE id > :min AND name = :name ORDER BY id",
                param("min", "7"), param("name", tricky));
        List<Field> row = wh.client.getStatementResult(b -> b.id(sel.id())).records().get(0);
        assertEquals(8L, row.get(0).longValue());
        assertEquals(tricky, row.get(1).stringValue());
        assertEquals("2026-11-25 10:00:00", row.get(2).stringValue());
    }

    @Test
    void missingParameterFailsNamingIt() {
        DescribeStatementResponse d = wh.run("SELECT :a::int + :b::int", param("a", "1"));
        assertEquals(StatusString.FAILED, d.status());
        assertTrue(d.error().contains(":b"), d.error());
    }

    @Test
    void listaggConcatenatesInItsOrderAndFailsBeyondVarcharMax() {
        DescribeStatementResponse d = wh.ok("SELECT k, LISTAGG(v) WITHIN GROUP (ORDER BY n) AS joined FROM (VALUES"
                + " ('a', 'y', 2), ('a', 'x', 1), ('a', NULL, 3), ('b', 'z', 1)) t(k, v, n) GROUP BY k ORDER BY k");
        GetStatementResultResponse r = wh.client.getStatementResult(b -> b.id(d.id()));
        assertEquals("xy", r.records().get(0).get(1).stringValue(), "in ORDER BY order, NULLs skipped");
        assertEquals("z", r.records().get(1).get(1).stringValue());
        DescribeStatementResponse over = wh.run("SELECT LISTAGG(v) FROM (SELECT repeat('h', 64) AS v"
                + " FROM generate_series(1, 1024)) t");
        assertEquals(StatusString.FAILED, over.status(), "1,024 x 64 bytes is past 65,535");
        assertTrue(over.error().contains("Result size exceeds LISTAGG limit"), over.error());
        assertEquals(StatusString.FINISHED, wh.run("SELECT LISTAGG(v) FROM (SELECT repeat('h', 64) AS v"
                + " FROM generate_series(1, 1000)) t").status(), "the 64,000 bytes of a rows-digest level fit");
    }

    @Test
    void postgresErrorBecomesFailedWithItsMessage() {
        DescribeStatementResponse d = wh.run("SELECT * FROM no_such_table_here");
        assertEquals(StatusString.FAILED, d.status());
        assertTrue(d.error().contains("relation \"no_such_table_here\" does not exist"), d.error());
    }

    @Test
    void oneStatementPerExecuteStatement() {
        DescribeStatementResponse d = wh.run("CREATE TEMP TABLE two (x int); INSERT INTO two VALUES (1)");
        assertEquals(StatusString.FAILED, d.status());
        assertTrue(d.error().contains("cannot insert multiple commands") && d.error().contains("BatchExecuteStatement"), d.error());
        assertEquals(StatusString.FINISHED, wh.run("SELECT 1;").status(), "a trailing semicolon is fine");
    }

    @Test
    void redshiftDdlOptionsAreAccepted() {
        wh.ok("DROP TABLE IF EXISTS ddl_payments");
        wh.ok("CREATE TABLE ddl_payments (transaction_id VARCHAR(64) NOT NULL ENCODE zstd, merchant_id VARCHAR(64) ENCODE lzo, "
                + "amount_minor BIGINT NOT NULL ENCODE az64, occurred_at TIMESTAMP NOT NULL) "
                + "DISTSTYLE KEY DISTKEY(transaction_id) COMPOUND SORTKEY(occurred_at, merchant_id)");
        DescribeStatementResponse index = wh.ok("SELECT indexdef FROM pg_indexes WHERE tablename = 'ddl_payments'");
        assertEquals(List.of("USING hash (transaction_id)"), wh.client.getStatementResult(b -> b.id(index.id())).records()
                .stream().map(r -> r.get(0).stringValue().replaceAll("^.* (USING .*)$", "$1")).toList(),
                "the DISTKEY column gets the hash index that stands in for distribution");
        wh.ok("ALTER TABLE ddl_payments ALTER DISTKEY merchant_id");
        wh.ok("VACUUM SORT ONLY ddl_payments");
        wh.ok("DROP TABLE IF EXISTS ddl_ledger");
        wh.ok("CREATE TABLE ddl_ledger (id BIGINT IDENTITY(1,1), payload_key VARCHAR(MAX) NOT NULL, loaded_at TIMESTAMP NOT NULL DEFAULT GETDATE()) "
                + "DISTSTYLE ALL SORTKEY(payload_key)");
        wh.ok("INSERT INTO ddl_ledger (payload_key) VALUES ('k'), ('" + "x".repeat(65_535) + "')");
        DescribeStatementResponse d = wh.ok("SELECT count(*) FROM ddl_ledger WHERE loaded_at <= SYSDATE AND payload_key = 'DISTKEY(x)'");
        assertEquals(0L, wh.client.getStatementResult(b -> b.id(d.id())).records().get(0).get(0).longValue(),
                "string literals must not be rewritten");
    }

    @Test
    void unsupportedStatementFailsNamingWhat() {
        DescribeStatementResponse d = wh.run("UNLOAD ('select 1') TO 's3://b/p' IAM_ROLE default");
        assertEquals(StatusString.FAILED, d.status());
        assertTrue(d.error().contains("UNLOAD is not supported"), d.error());
        DescribeStatementResponse ext = wh.run("CREATE EXTERNAL SCHEMA spectrum FROM DATA CATALOG DATABASE 'x'");
        assertTrue(ext.error().contains("CREATE EXTERNAL is not supported"), ext.error());
    }

    @Test
    void tempTablesNeverLeakBetweenStatements() {
        for (int i = 0; i < 6; i++) {
            wh.ok("CREATE TEMP TABLE leak_check (x int)");
        }
        DescribeStatementResponse d = wh.run("SELECT * FROM leak_check");
        assertEquals(StatusString.FAILED, d.status());
    }

    @Test
    void settingsAreResetBetweenStatements() {
        for (int i = 0; i < 6; i++) {
            wh.ok("SET TIME ZONE 'America/New_York'");
            wh.ok("SET search_path = pg_catalog");
        }
        for (int i = 0; i < 6; i++) {
            DescribeStatementResponse d = wh.ok("SELECT current_setting('TimeZone'), current_setting('search_path')");
            List<Field> row = wh.client.getStatementResult(b -> b.id(d.id())).records().get(0);
            assertEquals("UTC", row.get(0).stringValue());
            assertEquals("\"$user\", public, pg_catalog", row.get(1).stringValue());
        }
    }
}
