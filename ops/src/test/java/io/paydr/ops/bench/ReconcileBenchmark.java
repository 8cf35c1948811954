package io.paydr.ops.bench;

import io.paydr.aws.TableName;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.devstack.DevstackOptions;
import io.paydr.ops.ReconcileReport;
import io.paydr.ops.Reconciler;
import io.paydr.ops.TimeRange;
import io.paydr.ops.WarehouseTarget;
import io.paydr.ops.internal.Warehouse;
import io.paydr.ops.internal.IdDiff;
import io.paydr.ops.internal.ReconcileSql;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reconcile as built (hour aggregates in SQL, ids only for diverging hours) against the naive way (pull every
 * (id, amount) of the range from both warehouses and diff), side by side on one devstack, same data, medians.
 *
 * <pre>ReconcileBenchmark 200000 5</pre> on the module's test classpath (the command is in docs/benchmarks.md).
 */
public final class ReconcileBenchmark {

    private static final TimeRange RANGE = TimeRange.parse("2026-11-25T00", "2026-11-26T00");
    private static final TableName TABLE = TableName.parse("bench.payments");

    private ReconcileBenchmark() {
    }

    public static void main(String[] args) throws SQLException {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (Devstack ds = Devstack.start(DevstackOptions.defaults());
             RedshiftDataClient p = ds.redshiftData(DevRegion.PRIMARY);
             RedshiftDataClient s = ds.redshiftData(DevRegion.SECONDARY)) {
            for (DevRegion r : DevRegion.values()) {
                load(ds.jdbcUrl(r), rows, r == DevRegion.SECONDARY);
            }
            WarehouseTarget pt = WarehouseTarget.workgroup("us-east-1", "paydr-us-east-1", "payments");
            WarehouseTarget st = WarehouseTarget.workgroup("us-west-2", "paydr-us-west-2", "payments");
            Reconciler reconciler = Reconciler.builder().primary(pt, p).secondary(st, s).range(RANGE)
                    .paymentsTable(TABLE.qualified()).ledgerTable(null).build();
            Warehouse pa = new Warehouse(p, pt, Duration.ofMinutes(5));
            Warehouse sa = new Warehouse(s, st, Duration.ofMinutes(5));

            long[] built = new long[rounds];
            long[] naive = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                ReconcileReport report = reconciler.reconcile();
                built[i] = System.nanoTime() - t0;
                check(report.divergentHours().size() == 1
                        && report.divergentHours().get(0).missingOnSecondary().count() == 1, "built finds the row");
                t0 = System.nanoTime();
                IdDiff.Result diff = naive(pa, sa);
                naive[i] = System.nanoTime() - t0;
                check(diff.missingOnSecondary().count() == 1, "naive finds the row");
            }
            double b = median(built) / 1e6;
            double n = median(naive) / 1e6;
            System.out.printf("rows per warehouse %d over 24 hours, 1 row missing on the secondary, %d rounds,"
                    + " devstack (PostgreSQL 17 fsync off)%n", rows, rounds);
            System.out.printf("reconcile (hour aggregates + 1 drilled hour): median %.0f ms%n", b);
            System.out.printf("naive (all ids from both sides, diff)      : median %.0f ms%n", n);
            System.out.printf("speed-up: %.1fx%n", n / b);
        }
    }

    private static IdDiff.Result naive(Warehouse pa, Warehouse sa) {
        ReconcileSql.Statement all = ReconcileSql.transactions(TABLE, RANGE);
        String pid = pa.submit(all.sql(), all.parameters());
        String sid = sa.submit(all.sql(), all.parameters());
        return IdDiff.transactions(rows(pa.await(pid)), rows(sa.await(sid)), 20);
    }

    private static List<IdDiff.Row> rows(List<List<String>> records) {
        List<IdDiff.Row> out = new ArrayList<>(records.size());
        records.forEach(r -> out.add(new IdDiff.Row(r.get(0), r.get(1))));
        return out;
    }

    /** Loads the same rows into a warehouse (one fewer on the secondary) over JDBC: set-up, not measured. */
    private static void load(String jdbcUrl, int rows, boolean dropOne) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS bench");
            st.execute("DROP TABLE IF EXISTS bench.payments");
            st.execute("DROP TABLE IF EXISTS bench.payments_conflicts");
            st.execute("CREATE TABLE bench.payments_conflicts (transaction_id VARCHAR(64), merchant_id VARCHAR(64),"
                    + " amount_minor BIGINT, currency CHAR(3), status VARCHAR(16), occurred_at TIMESTAMP,"
                    + " source_region VARCHAR(32), row_sha256 CHAR(64), payload_sha256 CHAR(64), recorded_at TIMESTAMP)");
            st.execute("CREATE TABLE bench.payments (transaction_id VARCHAR(64) NOT NULL, merchant_id VARCHAR(64)"
                    + " NOT NULL, amount_minor BIGINT NOT NULL, currency CHAR(3) NOT NULL, status VARCHAR(16) NOT NULL,"
                    + " occurred_at TIMESTAMP NOT NULL, source_region VARCHAR(32) NOT NULL)");
            st.execute("INSERT INTO bench.payments SELECT 'tx-' || g, 'm-' || (g % 97), g % 10000, 'EUR', 'CAPTURED',"
                    + " TIMESTAMP '2026-11-25 00:00:00' + (g % 86400) * INTERVAL '1 second', 'us-east-1'"
                    + " FROM generate_series(1, " + rows + ") g");
            if (dropOne) {
                st.execute("DELETE FROM bench.payments WHERE transaction_id = 'tx-" + (rows / 2) + "'");
            }
            st.execute("ANALYZE bench.payments");
        }
    }

    private static double median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2.0;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("benchmark result wrong: " + what);
        }
    }
}
