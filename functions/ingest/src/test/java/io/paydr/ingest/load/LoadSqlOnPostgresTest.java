package io.paydr.ingest.load;

import static io.paydr.ingest.load.LoadSqlBuilderTest.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.paydr.aws.StatementResult;
import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.aws.TableName;
import io.paydr.ingest.schema.MigrationScripts;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the SQL the builder emits, statement by statement in one JDBC transaction (as the Data API runs a batch),
 * on devstack's PostgreSQL: proves the SQL is valid there and that its idempotence holds, including under
 * concurrent loaders. COPY is exercised through the Data API in the integration tests.
 */
class LoadSqlOnPostgresTest {
    private static final Instant LOADED_AT = Instant.parse("2026-11-25T18:00:00Z");
    private static final String SHA = "b".repeat(64);

    private TableName payments;
    private TableName ledger;
    private LoadSqlBuilder builder;

    @BeforeEach
    void freshSchema() throws SQLException {
        String schema = "sqltest_" + Long.toHexString(System.nanoTime());
        payments = new TableName(schema, "payments");
        ledger = new TableName(schema, "ledger");
        builder = new LoadSqlBuilder(ledger, "default");
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            for (String ddl : MigrationScripts.bundled(payments, ledger).get(0).statements()) {
                // plain PostgreSQL has no distribution or sort keys
                s.execute(ddl.replaceAll("(DISTKEY|SORTKEY)\\([a-z_]+\\)|DISTSTYLE ALL", ""));
            }
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(Devstack.shared().jdbcUrl(DevRegion.PRIMARY));
    }

    /** Runs the transaction as the Data API would; returns the row counts of each statement. */
    private static List<Long> run(LoadTransaction tx) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            List<Long> rows = new ArrayList<>();
            try (Statement s = c.createStatement()) {
                for (String sql : tx.statements()) {
                    s.execute(sql);
                    rows.add((long) Math.max(0, s.getUpdateCount()));
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
            return rows;
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private LoadUnit unit(String key, List<PaymentTransaction> rows) {
        return LoadUnit.rows(payments, rows, new LedgerEntry(key, "batch-1", SHA, rows.size(), "m-" + key));
    }

    @Test
    void insertsEachTransactionOnceAcrossDuplicatesInAndOutsideTheStage() throws SQLException {
        run(builder.build(List.of(unit("inline/first", List.of(payment("t-1", "m"), payment("t-2", "m")))), LOADED_AT));
        LoadTransaction overlapping = builder.build(List.of(
                unit("inline/second", List.of(payment("t-2", "m"), payment("t-3", "m"), payment("t-3", "m"))),
                unit("inline/third", List.of(payment("t-3", "m"), payment("t-4", "m")))), LOADED_AT);

        List<Long> rows = run(overlapping);

        StatementResult result = new StatementResult("local", rows);
        assertEquals(2, overlapping.rowsInserted(result), "t-3 and t-4 are new; t-2 is in the target already");
        assertEquals(2, overlapping.ledgerRowsInserted(result));
        assertEquals(4, count("SELECT COUNT(*) FROM " + payments));
        assertEquals(4, count("SELECT COUNT(DISTINCT transaction_id) FROM " + payments));
        assertEquals(3, count("SELECT COUNT(*) FROM " + ledger));
    }

    @Test
    void replayingTheSameLoadChangesNothing() throws SQLException {
        LoadTransaction tx = builder.build(List.of(unit("inline/once", List.of(payment("t-1", "a'b\\c\nd")))), LOADED_AT);
        run(tx);

        List<Long> again = run(tx);

        StatementResult result = new StatementResult("local", again);
        assertEquals(0, tx.rowsInserted(result));
        assertEquals(0, tx.ledgerRowsInserted(result));
        assertEquals(1, count("SELECT COUNT(*) FROM " + payments + " WHERE merchant_id = 'a''b\\c' || CHR(10) || 'd'"));
        assertEquals(1, count("SELECT COUNT(*) FROM " + ledger + " WHERE payload_key = 'inline/once' AND row_count = 1"
                + " AND loaded_at = TIMESTAMP '2026-11-25 18:00:00'"));
    }

    @Test
    void aFailingStatementLeavesNothingBehind() throws SQLException {
        PaymentTransaction tooLongCurrency = new PaymentTransaction("t-9", "m", 1, "EURO", PaymentStatus.CAPTURED,
                Instant.parse("2026-11-25T16:00:00Z"), "us-east-1");
        LoadTransaction tx = builder.build(List.of(unit("inline/good", List.of(payment("t-1", "m"))),
                unit("inline/bad", List.of(tooLongCurrency))), LOADED_AT);

        assertThrows(SQLException.class, () -> run(tx));

        assertEquals(0, count("SELECT COUNT(*) FROM " + payments));
        assertEquals(0, count("SELECT COUNT(*) FROM " + ledger));
    }

    @Test
    void concurrentOverlappingLoadsInsertEachTransactionOnce() throws Exception {
        List<PaymentTransaction> shared = IntStream.range(0, 500).mapToObj(i -> payment("t-" + i, "m")).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<List<Long>>> loads = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                LoadTransaction tx = builder.build(List.of(unit("inline/p" + i, shared)), LOADED_AT);
                loads.add(() -> run(tx));
            }
            for (Future<List<Long>> f : pool.invokeAll(loads)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        assertEquals(500, count("SELECT COUNT(*) FROM " + payments));
        assertEquals(4, count("SELECT COUNT(*) FROM " + ledger));
    }
}
