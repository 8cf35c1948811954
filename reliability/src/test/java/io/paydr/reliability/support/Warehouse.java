package io.paydr.reliability.support;

import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.ingest.schema.MigrateCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One test class's own warehouse schema in one Region of devstack: created through JDBC, migrated through the Data
 * API by the operator's {@link MigrateCommand}, and read back through JDBC (the PostgreSQL behind the warehouse), so
 * that what the function stored is compared with what was sent without going through the code under test.
 */
public final class Warehouse {
    private final Devstack devstack;
    private final DevRegion region;
    private final String schema;

    private Warehouse(Devstack devstack, DevRegion region, String schema) {
        this.devstack = devstack;
        this.region = region;
        this.schema = schema;
    }

    /** Creates and migrates a fresh schema named {@code <prefix>_<random>}. */
    public static Warehouse create(Devstack devstack, DevRegion region, String prefix) {
        return createNamed(devstack, region, prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
    }

    /** Creates and migrates a schema of exactly that name (e.g. the same name in both Regions, as reconcile expects). */
    public static Warehouse createNamed(Devstack devstack, DevRegion region, String schema) {
        Warehouse warehouse = new Warehouse(devstack, region, schema);
        warehouse.execute("CREATE SCHEMA " + schema);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = MigrateCommand.run(new String[0], warehouse.tableEnvironment(devstack.environment(region)),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new IllegalStateException("migrating " + schema + " in " + region.id() + " failed: "
                    + err.toString(StandardCharsets.UTF_8));
        }
        return warehouse;
    }

    public String schema() {
        return schema;
    }

    public DevRegion region() {
        return region;
    }

    /** Devstack's endpoint variables plus this schema's warehouse settings (not the bucket allowlist). */
    public Map<String, String> tableEnvironment(Map<String, String> base) {
        Map<String, String> env = new HashMap<>(base);
        env.put("REGION_ROLE", region == DevRegion.PRIMARY ? "primary" : "secondary");
        env.put("REDSHIFT_WORKGROUP", "paydr-" + region.id());
        env.put("REDSHIFT_DATABASE", "payments");
        env.put("REDSHIFT_SECRET_ARN", "arn:aws:secretsmanager:" + region.id() + ":000000000000:secret:paydr-devstack");
        env.put("DATASET_TABLES", "payments=" + schema + ".payments");
        env.put("LEDGER_TABLE", schema + ".payments_ingest_ledger");
        return env;
    }

    public long count(String tableAndCondition) {
        return scalar("SELECT COUNT(*) FROM " + schema + "." + tableAndCondition);
    }

    public long paymentRows() {
        return count("payments");
    }

    public long ledgerRows() {
        return count("payments_ingest_ledger");
    }

    /** Rows whose transaction id starts with the prefix. */
    public long rowsWithPrefix(String transactionIdPrefix) {
        return queryLong("SELECT COUNT(*) FROM " + schema + ".payments WHERE transaction_id LIKE ?",
                likePrefix(transactionIdPrefix));
    }

    public long ledgerRowsForKey(String payloadKey) {
        return queryLong("SELECT COUNT(*) FROM " + schema + ".payments_ingest_ledger WHERE payload_key = ?", payloadKey);
    }

    /** Every stored row whose transaction id starts with the prefix, exactly as PostgreSQL returns it. */
    public List<PaymentTransaction> rows(String transactionIdPrefix) {
        String sql = "SELECT transaction_id, merchant_id, amount_minor, currency, status, occurred_at, source_region FROM "
                + schema + ".payments WHERE transaction_id LIKE ? ORDER BY transaction_id COLLATE \"C\"";
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, likePrefix(transactionIdPrefix));
            List<PaymentTransaction> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new PaymentTransaction(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            PaymentStatus.valueOf(rs.getString(5)),
                            rs.getObject(6, LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString(7)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("reading " + schema + ".payments failed: " + e.getMessage(), e);
        }
    }

    /** The row_sha256 of every stored row whose transaction id starts with the prefix, sorted. */
    public List<String> rowDigests(String transactionIdPrefix) {
        String sql = "SELECT row_sha256 FROM " + schema + ".payments WHERE transaction_id LIKE ?"
                + " ORDER BY row_sha256 COLLATE \"C\"";
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, likePrefix(transactionIdPrefix));
            List<String> digests = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    digests.add(rs.getString(1));
                }
            }
            return digests;
        } catch (SQLException e) {
            throw new IllegalStateException("reading " + schema + ".payments failed: " + e.getMessage(), e);
        }
    }

    /** transaction_id -> number of rows holding it, for every stored row. */
    public Map<String, Integer> rowsPerTransaction() {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT transaction_id, COUNT(*) FROM " + schema
                     + ".payments GROUP BY transaction_id")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("reading " + schema + ".payments failed: " + e.getMessage(), e);
        }
    }

    /** payload_key -> "batch_id/sha256/row_count" of every ledger row (several rows per key show a double load). */
    public Map<String, List<String>> ledger() {
        Map<String, List<String>> ledger = new HashMap<>();
        try (Connection c = connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT payload_key, batch_id, payload_sha256, row_count FROM " + schema
                     + ".payments_ingest_ledger")) {
            while (rs.next()) {
                ledger.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(rs.getString(2) + "/" + rs.getString(3) + "/" + rs.getLong(4));
            }
            return ledger;
        } catch (SQLException e) {
            throw new IllegalStateException("reading " + schema + ".payments_ingest_ledger failed: " + e.getMessage(), e);
        }
    }

    public void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL on the " + region.id() + " warehouse failed: " + e.getMessage(), e);
        }
    }

    private long scalar(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL on the " + region.id() + " warehouse failed: " + e.getMessage(), e);
        }
    }

    private long queryLong(String sql, String parameter) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("SQL on the " + region.id() + " warehouse failed: " + e.getMessage(), e);
        }
    }

    private static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(devstack.jdbcUrl(region));
    }
}
