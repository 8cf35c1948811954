package io.paydr.ingest.handler;

import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.RecordDigest;
import io.paydr.contract.RowsDigest;
import io.paydr.devstack.redshift.internal.sql.RedshiftDialect;
import io.paydr.contract.Sha256;
import io.paydr.devstack.DevRegion;
import io.paydr.aws.TableName;
import io.paydr.ingest.load.StagedObject;
import io.paydr.ingest.load.LedgerEntry;
import io.paydr.ingest.load.LoadSqlBuilder;
import io.paydr.ingest.load.LoadTransaction;
import io.paydr.ingest.load.LoadUnit;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * The limits the ingest benchmark compares the handler with, each a plain JDBC session on devstack's PostgreSQL fed
 * with rows already encoded for COPY (encoding is not timed), so each is a floor nothing built on the Data API can
 * beat:
 * <ul>
 *   <li>{@link #intoEmptyTable}: COPY FROM STDIN into a fresh table without the target's index: the cheapest way
 *       to get the rows into the database at all;</li>
 *   <li>{@link #intoTarget}: COPY FROM STDIN into the target table itself (its rows, its DISTKEY index), rolled back;
 *       loading the same rows where the loader must put them, minus exactly-once;</li>
 *   <li>{@link #exactlyOnce}: the statements the loader sends for one payload (LOCK, temp stage, dedupe and
 *       insert-if-absent, ledger row), the stage filled by COPY FROM STDIN: the loader's SQL without the Data API,
 *       S3 or verification.</li>
 * </ul>
 * Each returns rows/s.
 */
final class BaselineLoads {
    private static final DateTimeFormatter COPY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final String COLUMNS =
            "transaction_id, merchant_id, amount_minor, currency, status, occurred_at, source_region";

    private final TestStack stack;
    private final TableName target;
    private final TableName ledger;
    private int sequence;

    BaselineLoads(TestStack stack) {
        this.stack = stack;
        this.target = TableName.parse(stack.schema + ".payments");
        this.ledger = TableName.parse(stack.schema + ".payments_ingest_ledger");
    }

    double intoEmptyTable(int size) {
        String table = stack.schema + ".bare_" + (sequence++);
        byte[] rows = copyText(TestStack.payments("bare" + table, size));
        try (Connection c = connect()) {
            c.createStatement().execute("CREATE TABLE " + table + " (LIKE " + target.qualified() + ")");
            return timedCopy(c, "COPY " + table + " (" + COLUMNS + ") FROM STDIN", rows, size);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    double intoTarget(int size) {
        byte[] rows = copyText(TestStack.payments("target" + (sequence++) + "x" + size, size));
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            double rate = timedCopy(c, "COPY " + target.qualified() + " (" + COLUMNS + ") FROM STDIN", rows, size);
            c.rollback();
            return rate;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    double exactlyOnce(int size) {
        String batch = "floor" + (sequence++) + "x" + size;
        String identity = Sha256.hexOf(batch.getBytes(StandardCharsets.UTF_8));
        List<PaymentTransaction> records = TestStack.payments(batch, size);
        // the staged object's lines as the function writes them, row_sha256 and digest included (computed before the
        // clock starts)
        StringBuilder staged = new StringBuilder(new String(copyText(records), StandardCharsets.UTF_8).length() * 2);
        RecordDigest digest = new RecordDigest();
        RowsDigest rowsDigest = new RowsDigest();
        String[] lines = new String(copyText(records), StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < records.size(); i++) {
            String rowSha256 = digest.rowSha256(records.get(i));
            rowsDigest.add(rowSha256);
            staged.append(lines[i]).append('\t').append(identity).append('\t').append(i).append('\t').append(rowSha256)
                    .append('\n');
        }
        byte[] rows = staged.toString().getBytes(StandardCharsets.UTF_8);
        LedgerEntry entry = new LedgerEntry(identity, "payments/v1/floor/" + batch + ".jsonl.gz", "unused", batch, size,
                "m-" + batch);
        LoadTransaction load = new LoadSqlBuilder(ledger, "default", "unused").build(List.of(LoadUnit.staged(target,
                entry, new StagedObject("unused", "staging/" + identity + ".jsonl",
                rowsDigest.finish()))), Instant.now());
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            long started = System.nanoTime();
            long inserted = 0;
            for (int i = 0; i < load.statements().size(); i++) {
                String sql = load.statements().get(i);
                if (sql.startsWith("COPY ")) {
                    String stage = sql.split(" ")[1];
                    copy.copyIn("COPY " + stage + " (" + COLUMNS + ", payload_sha256, line_no, row_sha256) FROM STDIN",
                            new ByteArrayInputStream(rows));
                } else if (load.targetInserts().contains(i)) {
                    inserted = c.createStatement().executeUpdate(sql);
                } else {
                    // the Redshift dialect as devstack's Data API rewrites it
                    c.createStatement().execute(RedshiftDialect.toPostgres(sql));
                }
            }
            c.commit();
            long elapsed = System.nanoTime() - started;
            require(inserted == size, "exactly-once floor inserted " + inserted + " of " + size);
            return size / (elapsed / 1e9);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(stack.devstack.jdbcUrl(DevRegion.PRIMARY));
    }

    private static double timedCopy(Connection c, String sql, byte[] rows, int size) throws SQLException {
        try {
            long started = System.nanoTime();
            long copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new ByteArrayInputStream(rows));
            long elapsed = System.nanoTime() - started;
            require(copied == size, "bare COPY loaded " + copied);
            return size / (elapsed / 1e9);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] copyText(List<PaymentTransaction> records) {
        StringBuilder text = new StringBuilder(records.size() * 100);
        for (PaymentTransaction r : records) {
            text.append(r.transactionId()).append('\t').append(r.merchantId()).append('\t').append(r.amountMinor())
                    .append('\t').append(r.currency()).append('\t').append(r.status().name()).append('\t')
                    .append(COPY_TIME.format(r.occurredAt())).append('\t').append(r.sourceRegion()).append('\n');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException(problem);
        }
    }
}
