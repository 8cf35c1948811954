package io.paydr.ingest.load;

import static io.paydr.ingest.load.LoadSqlBuilderTest.payment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paydr.aws.StatementResult;
import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.RecordDigest;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.devstack.redshift.internal.sql.RedshiftDialect;
import io.paydr.aws.TableName;
import io.paydr.ingest.schema.Migration;
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
 * on devstack's PostgreSQL, rewritten by devstack's Redshift dialect: proves the SQL is valid there, that it is
 * idempotent (also under concurrent loaders), that the convergence rule makes the result independent of the order of
 * loads, and that the proof refuses rows that are not the verified ones (here through the INSERT path; COPY of staged
 * objects is exercised through the Data API in the integration tests).
 */
class LoadSqlOnPostgresTest {
    private static final Instant LOADED_AT = Instant.parse("2026-11-25T18:00:00Z");
    private static final Instant AT = Instant.parse("2026-11-25T16:38:15.123Z");

    private TableName payments;
    private TableName ledger;
    private LoadSqlBuilder builder;

    @BeforeEach
    void freshSchema() throws SQLException {
        payments = migratedSchema();
        ledger = new TableName(payments.schema(), "ledger");
        builder = new LoadSqlBuilder(ledger, "default", "paydr-staging");
    }

    private static TableName migratedSchema() throws SQLException {
        String schema = "sqltest_" + Long.toHexString(System.nanoTime());
        TableName table = new TableName(schema, "payments");
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            for (Migration migration : MigrationScripts.bundled(table, new TableName(schema, "ledger"))) {
                for (String ddl : migration.statements()) {
                    s.execute(RedshiftDialect.toPostgres(ddl));
                }
            }
        }
        return table;
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
                    s.execute(RedshiftDialect.toPostgres(sql));
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

    private static long count(String sql) throws SQLException {
        return Long.parseLong(rows(sql).get(0));
    }

    private static List<String> rows(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i == 1 ? "" : "|").append(r.getString(i));
                }
                out.add(row.toString());
            }
            return out;
        }
    }

    /** Everything but recorded_at (a wall-clock audit field) of the target and conflicts tables, sorted. */
    private static List<String> state(TableName table) throws SQLException {
        List<String> state = new ArrayList<>(rows("SELECT 'current', " + LoadSqlBuilder.COLUMNS
                + ", row_sha256, payload_sha256 FROM " + table + " ORDER BY 2, 9"));
        state.addAll(rows("SELECT 'conflict', " + LoadSqlBuilder.COLUMNS + ", row_sha256, payload_sha256 FROM "
                + table.conflicts() + " ORDER BY 2, 9"));
        return state;
    }

    private static String identity(char c) {
        return String.valueOf(c).repeat(64);
    }

    private LoadUnit unit(String identity, List<PaymentTransaction> rows) {
        return unit(payments, identity, rows);
    }

    private LoadUnit unit(TableName table, String identity, List<PaymentTransaction> rows) {
        return LoadUnit.rows(table, new LedgerEntry(identity, "inline/" + identity.substring(0, 8), null, "batch-1",
                rows.size(), "m-" + identity.charAt(0)), rows);
    }

    private static PaymentTransaction version(String id, long amount, Instant at) {
        return new PaymentTransaction(id, "m", amount, "EUR", PaymentStatus.CAPTURED, at, "us-east-1");
    }

    @Test
    void insertsEachTransactionOnceAcrossDuplicatesInAndOutsideTheStage() throws SQLException {
        run(builder.build(List.of(unit(identity('1'), List.of(payment("t-1", "m"), payment("t-2", "m")))), LOADED_AT));
        LoadTransaction overlapping = builder.build(List.of(
                unit(identity('2'), List.of(payment("t-2", "m"), payment("t-3", "m"), payment("t-3", "m"))),
                unit(identity('3'), List.of(payment("t-3", "m"), payment("t-4", "m")))), LOADED_AT);

        List<Long> rows = run(overlapping);

        StatementResult result = new StatementResult("local", rows);
        assertEquals(2, overlapping.rowsInserted(result), "t-3 and t-4 are new; t-2 is in the target already");
        assertEquals(0, overlapping.conflictsRecorded(result), "identical versions are duplicates, not conflicts");
        assertEquals(4, count("SELECT COUNT(*) FROM " + payments));
        assertEquals(4, count("SELECT COUNT(DISTINCT transaction_id) FROM " + payments));
        assertEquals(3, count("SELECT COUNT(*) FROM " + ledger));
        assertEquals(identity('2'), rows("SELECT payload_sha256 FROM " + payments + " WHERE transaction_id = 't-3'").get(0),
                "t-3 came in payloads 2 and 3: the smaller identity carries it");
    }

    @Test
    void theRowDigestInSqlIsTheContractsDigest() throws SQLException {
        PaymentTransaction odd = new PaymentTransaction("t-ü", "Caf\u00e9 \u00fcber \ud83d\ude00 'x' \\ y", Long.MIN_VALUE,
                "JPY", PaymentStatus.CHARGEBACK, Instant.parse("0001-01-01T00:00:00.007Z"), "ap-southeast-2");
        PaymentTransaction valid = new PaymentTransaction("t-odd", odd.merchantId(), odd.amountMinor(), odd.currency(),
                odd.status(), odd.occurredAt(), odd.sourceRegion());
        run(builder.build(List.of(unit(identity('1'), List.of(valid))), LOADED_AT));

        assertEquals(new RecordDigest().rowSha256(valid),
                rows("SELECT row_sha256 FROM " + payments + " WHERE transaction_id = 't-odd'").get(0));
    }

    @Test
    void aPayloadOfSeveralBlocksProvesItsRowsDigestInSql() throws SQLException {
        List<PaymentTransaction> rows = IntStream.range(0, 2_500).mapToObj(i -> payment("t-" + i, "m-" + i)).toList();

        run(builder.build(List.of(unit(identity('1'), rows)), LOADED_AT));

        assertEquals(2_500, count("SELECT COUNT(*) FROM " + payments), "SQL's three-level digest is the contract's");
    }

    @Test
    void aRowThatIsNotTheVerifiedOneFailsTheProofAndWritesNothing() throws SQLException {
        List<PaymentTransaction> rows = IntStream.range(0, 20).mapToObj(i -> payment("t-" + i, "m-" + i)).toList();
        LoadTransaction honest = builder.build(List.of(unit(identity('1'), rows)), LOADED_AT);
        LoadTransaction forged = new LoadTransaction(honest.statements().stream()
                .map(sql -> sql.replace("'m-7'", "'m-forged'")).toList(), honest.manifests(), honest.targetInserts(),
                honest.conflictInserts(), honest.knownLedgerRows());

        SQLException failed = assertThrows(SQLException.class, () -> run(forged));

        assertTrue(failed.getMessage().contains(LoadSqlBuilder.CHECK_COLUMN), failed.getMessage());
        assertEquals(0, count("SELECT COUNT(*) FROM " + payments));
        assertEquals(0, count("SELECT COUNT(*) FROM " + ledger));
    }

    @Test
    void rowsInAnotherOrderFailTheProof() throws SQLException {
        List<PaymentTransaction> rows = IntStream.range(0, 1_200).mapToObj(i -> payment("t-" + i, "m")).toList();
        LoadTransaction honest = builder.build(List.of(unit(identity('1'), rows)), LOADED_AT);
        // lines 5 and 1,150 trade places: the same rows, each with its own row_sha256, in another order
        LoadTransaction swapped = new LoadTransaction(honest.statements().stream()
                .map(sql -> sql.replace("', 5, '", "', #, '").replace("', 1150, '", "', 5, '")
                        .replace("', #, '", "', 1150, '")).toList(), honest.manifests(), honest.targetInserts(),
                honest.conflictInserts(), honest.knownLedgerRows());
        assertTrue(!swapped.statements().equals(honest.statements()), "the swap must change the SQL");

        SQLException failed = assertThrows(SQLException.class, () -> run(swapped));

        assertTrue(failed.getMessage().contains(LoadSqlBuilder.CHECK_COLUMN), failed.getMessage());
        assertEquals(0, count("SELECT COUNT(*) FROM " + payments));
    }

    @Test
    void aGreaterVersionReplacesTheCurrentRowAndTheLoserIsKept() throws SQLException {
        run(builder.build(List.of(unit(identity('a'), List.of(version("t-1", 100, AT)))), LOADED_AT));
        LoadTransaction later = builder.build(List.of(unit(identity('b'), List.of(version("t-1", 999, AT.plusSeconds(1))))),
                LOADED_AT);

        StatementResult result = new StatementResult("local", run(later));

        assertEquals(1, later.rowsInserted(result));
        assertEquals(1, later.conflictsRecorded(result));
        assertEquals(List.of("999|" + identity('b')), rows("SELECT amount_minor, payload_sha256 FROM " + payments));
        assertEquals(List.of("100|" + identity('a')), rows("SELECT amount_minor, payload_sha256 FROM "
                + payments.conflicts()));
    }

    @Test
    void theOrderOfLoadsDoesNotChangeTheOutcome() throws SQLException {
        // V is carried by payloads 1 and 3; W (same time, other amount) by payload 2; X (later) by payload 4.
        PaymentTransaction v = version("t-1", 100, AT);
        PaymentTransaction w = version("t-1", 999, AT);
        PaymentTransaction x = version("t-2", 5, AT.plusSeconds(5));
        PaymentTransaction y = version("t-2", 6, AT);
        List<List<Object>> loads = List.of(List.of('1', List.of(v, y)), List.of('2', List.of(w, w)),
                List.of('3', List.of(v)), List.of('4', List.of(x, v)));
        TableName other = migratedSchema();
        LoadSqlBuilder otherBuilder = new LoadSqlBuilder(new TableName(other.schema(), "ledger"), "default", "s");

        for (List<Object> load : loads) {
            run(builder.build(List.of(unit(payments, identity((char) load.get(0)), rows(load))), LOADED_AT));
        }
        // the other Region: the reverse order, the middle two together in one transaction
        run(otherBuilder.build(List.of(unit(other, identity('4'), rows(loads.get(3)))), LOADED_AT));
        run(otherBuilder.build(List.of(unit(other, identity('3'), rows(loads.get(2))),
                unit(other, identity('2'), rows(loads.get(1)))), LOADED_AT));
        run(otherBuilder.build(List.of(unit(other, identity('1'), rows(loads.get(0)))), LOADED_AT));

        assertEquals(state(payments), state(other));
        String winner = new RecordDigest().rowSha256(v).compareTo(new RecordDigest().rowSha256(w)) > 0 ? "100" : "999";
        assertEquals(List.of(winner), rows("SELECT amount_minor FROM " + payments + " WHERE transaction_id = 't-1'"));
        assertEquals(List.of("5"), rows("SELECT amount_minor FROM " + payments + " WHERE transaction_id = 't-2'"));
        assertEquals(2, count("SELECT COUNT(*) FROM " + payments.conflicts()), "the loser of t-1 and y of t-2");
        if (winner.equals("999")) {
            assertEquals(List.of(identity('1')), rows("SELECT payload_sha256 FROM " + payments.conflicts()
                    + " WHERE amount_minor = 100"), "V's smallest carrier, whatever the order");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<PaymentTransaction> rows(List<Object> load) {
        return (List<PaymentTransaction>) load.get(1);
    }

    @Test
    void replayingTheSameLoadChangesNothing() throws SQLException {
        LoadTransaction tx = builder.build(List.of(unit(identity('1'), List.of(payment("t-1", "a'b\\c\nd")))), LOADED_AT);
        run(tx);
        List<String> before = state(payments);

        List<Long> again = run(tx);

        StatementResult result = new StatementResult("local", again);
        assertEquals(0, tx.rowsInserted(result));
        assertEquals(0, tx.conflictsRecorded(result));
        assertEquals(before, state(payments));
        assertEquals(1, count("SELECT COUNT(*) FROM " + payments + " WHERE merchant_id = 'a''b\\c' || CHR(10) || 'd'"));
        assertEquals(1, count("SELECT COUNT(*) FROM " + ledger + " WHERE payload_sha256 = '" + identity('1')
                + "' AND row_count = 1 AND loaded_at = TIMESTAMP '2026-11-25 18:00:00'"));
    }

    @Test
    void aFailingStatementLeavesNothingBehind() throws SQLException {
        PaymentTransaction tooLongCurrency = new PaymentTransaction("t-9", "m", 1, "EURO", PaymentStatus.CAPTURED,
                Instant.parse("2026-11-25T16:00:00Z"), "us-east-1");
        LoadTransaction tx = builder.build(List.of(unit(identity('1'), List.of(payment("t-1", "m"))),
                unit(identity('2'), List.of(tooLongCurrency))), LOADED_AT);

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
                LoadTransaction tx = builder.build(List.of(unit(identity((char) ('1' + i)), shared)), LOADED_AT);
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
        assertEquals(500, count("SELECT COUNT(*) FROM " + payments + " WHERE payload_sha256 = '" + identity('1') + "'"));
    }
}
