package io.paydr.devstack.redshift;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;
import software.amazon.awssdk.services.redshiftdata.model.SubStatementData;
import software.amazon.awssdk.services.redshiftdata.model.ValidationException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BatchExecuteStatement: one transaction, SubStatements, results per sub-statement. */
class DataApiBatchTest {

    static TestWarehouse wh;

    @BeforeAll
    static void start() {
        wh = TestWarehouse.start();
        wh.ok("DROP TABLE IF EXISTS batch_t");
        wh.ok("CREATE TABLE batch_t (id BIGINT NOT NULL, note VARCHAR(32)) DISTKEY(id)");
    }

    @AfterAll
    static void stop() {
        wh.close();
    }

    @Test
    void batchCommitsAllAndDescribesEverySubStatement() {
        String id = wh.batch(List.of(
                "CREATE TEMP TABLE stage (id BIGINT)",
                "INSERT INTO stage VALUES (100), (101)",
                "INSERT INTO batch_t SELECT id, 'batch-ok' FROM stage",
                "SELECT id FROM batch_t WHERE note = 'batch-ok' ORDER BY id"));
        DescribeStatementResponse d = wh.awaitFinal(id);
        assertEquals(StatusString.FINISHED, d.status(), d.error());
        assertTrue(d.hasResultSet());
        List<SubStatementData> subs = d.subStatements();
        assertEquals(4, subs.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(id + ":" + (i + 1), subs.get(i).id());
            assertEquals("FINISHED", subs.get(i).statusAsString());
        }
        assertEquals("INSERT INTO stage VALUES (100), (101)", subs.get(1).queryString());
        assertEquals(2, subs.get(2).resultRows());
        assertFalse(subs.get(2).hasResultSet());
        assertTrue(subs.get(3).hasResultSet());
        var rows = wh.client.getStatementResult(b -> b.id(id + ":4")).records();
        assertEquals(List.of(100L, 101L), rows.stream().map(r -> r.get(0).longValue()).toList());
        assertEquals(StatusString.FINISHED, wh.client.describeStatement(b -> b.id(id + ":3")).status());
    }

    @Test
    void failingStatementRollsBackTheWholeBatch() {
        String id = wh.batch(List.of(
                "INSERT INTO batch_t VALUES (1, 'rolled-back')",
                "INSERT INTO batch_t VALUES (NULL, 'violates not null')",
                "INSERT INTO batch_t VALUES (3, 'never run')"));
        DescribeStatementResponse d = wh.awaitFinal(id);
        assertEquals(StatusString.FAILED, d.status());
        assertTrue(d.error().contains(id + ":2") && d.error().contains("not-null"), d.error());
        List<SubStatementData> subs = d.subStatements();
        assertEquals("FINISHED", subs.get(0).statusAsString());
        assertEquals("FAILED", subs.get(1).statusAsString());
        assertTrue(subs.get(1).error().contains("violates not-null constraint"), subs.get(1).error());
        assertEquals("ABORTED", subs.get(2).statusAsString());
        DescribeStatementResponse count = wh.ok("SELECT count(*) FROM batch_t WHERE note IN ('rolled-back', 'never run')");
        assertEquals(0L, wh.client.getStatementResult(b -> b.id(count.id())).records().get(0).get(0).longValue());
    }

    @Test
    void cancellingASubStatementCancelsItsBatch() {
        String id = wh.batch(List.of("INSERT INTO batch_t VALUES (50, 'cancelled')", "SELECT pg_sleep(30)", "SELECT 1"));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (wh.client.describeStatement(b -> b.id(id + ":2")).status() != StatusString.STARTED && System.nanoTime() < deadline) {
            TestWarehouse.sleepMillis(20);
        }
        assertTrue(wh.client.cancelStatement(b -> b.id(id + ":2")).status());
        DescribeStatementResponse d = wh.awaitFinal(id);
        assertEquals(StatusString.ABORTED, d.status());
        assertEquals(List.of("FINISHED", "ABORTED", "ABORTED"), d.subStatements().stream().map(SubStatementData::statusAsString).toList());
        DescribeStatementResponse count = wh.ok("SELECT count(*) FROM batch_t WHERE note = 'cancelled'");
        assertEquals(0L, wh.client.getStatementResult(b -> b.id(count.id())).records().get(0).get(0).longValue());
    }

    @Test
    void batchResultNeedsASubStatementId() {
        String id = wh.batch(List.of("SELECT 1"));
        wh.awaitFinal(id);
        assertThrows(ValidationException.class, () -> wh.client.getStatementResult(b -> b.id(id)));
        assertEquals(1L, wh.client.getStatementResult(b -> b.id(id + ":1")).records().get(0).get(0).longValue());
    }

    @Test
    void oneSetOfNamedParametersServesEveryStatementOfTheBatch() {
        String id = wh.client.batchExecuteStatement(b -> b.workgroupName(TestWarehouse.WORKGROUP)
                .database(TestWarehouse.DATABASE)
                .sqls("INSERT INTO batch_t VALUES (:id, :note)",
                        "INSERT INTO batch_t VALUES (:id + 1, :note || '-next')",
                        "CREATE TEMP TABLE no_parameters (x INT)",
                        "SELECT id, note FROM batch_t WHERE note LIKE :note || '%' ORDER BY id")
                .parameters(TestWarehouse.param("id", "700"), TestWarehouse.param("note", "with 'quotes'"))).id();
        DescribeStatementResponse d = wh.awaitFinal(id);
        assertEquals(StatusString.FINISHED, d.status(), d.error());
        var rows = wh.client.getStatementResult(b -> b.id(id + ":4")).records();
        assertEquals(List.of(700L, 701L), rows.stream().map(r -> r.get(0).longValue()).toList());
        assertEquals("with 'quotes'-next", rows.get(1).get(1).stringValue());
    }

    @Test
    void aBatchParameterNoStatementNamesFailsTheBatchLikeExecuteStatement() {
        String id = wh.client.batchExecuteStatement(b -> b.workgroupName(TestWarehouse.WORKGROUP)
                .database(TestWarehouse.DATABASE).sqls("INSERT INTO batch_t VALUES (900, 'unused parameter')")
                .parameters(TestWarehouse.param("stray", "1"))).id();
        DescribeStatementResponse d = wh.awaitFinal(id);
        assertEquals(StatusString.FAILED, d.status());
        assertTrue(d.error().contains("'stray'"), d.error());
        DescribeStatementResponse count = wh.ok("SELECT count(*) FROM batch_t WHERE id = 900");
        assertEquals(0L, wh.client.getStatementResult(b -> b.id(count.id())).records().get(0).get(0).longValue());
    }

    @Test
    void aRetriedBatchWithTheSameClientTokenRunsOnce() {
        String token = java.util.UUID.randomUUID().toString();
        String first = wh.client.batchExecuteStatement(b -> b.workgroupName(TestWarehouse.WORKGROUP)
                .database(TestWarehouse.DATABASE).sqls("INSERT INTO batch_t VALUES (800, 'token')").clientToken(token)).id();
        wh.awaitFinal(first);
        String retried = wh.client.batchExecuteStatement(b -> b.workgroupName(TestWarehouse.WORKGROUP)
                .database(TestWarehouse.DATABASE).sqls("INSERT INTO batch_t VALUES (800, 'token')").clientToken(token)).id();
        assertEquals(first, retried, "the same statement, not a second one");
        DescribeStatementResponse count = wh.ok("SELECT count(*) FROM batch_t WHERE id = 800");
        assertEquals(1L, wh.client.getStatementResult(b -> b.id(count.id())).records().get(0).get(0).longValue());
    }

    @Test
    void batchTakesOneToFortyStatements() {
        List<String> tooMany = java.util.Collections.nCopies(41, "SELECT 1");
        assertThrows(ValidationException.class, () -> wh.batch(tooMany));
        assertThrows(ValidationException.class, () -> wh.batch(List.of()));
        assertEquals(StatusString.FINISHED, wh.awaitFinal(wh.batch(java.util.Collections.nCopies(40, "SELECT 1"))).status());
    }
}
