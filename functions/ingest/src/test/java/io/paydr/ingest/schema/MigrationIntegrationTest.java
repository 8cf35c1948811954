package io.paydr.ingest.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.RecordDigest;
import io.paydr.aws.RedshiftTarget;
import io.paydr.aws.TableName;
import io.paydr.aws.DataApiExecutor;
import io.paydr.aws.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The operator's migration command against devstack's Data API. */
class MigrationIntegrationTest {
    private final Devstack devstack = Devstack.shared();
    private final String schema = "mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(devstack.environment(DevRegion.SECONDARY));
        env.put("REDSHIFT_WORKGROUP", "paydr-us-west-2");
        env.put("REDSHIFT_DATABASE", "payments");
        env.put("REDSHIFT_SECRET_ARN", "arn:aws:secretsmanager:us-west-2:000000000000:secret:paydr");
        env.put("DATASET_TABLES", "payments=" + schema + ".payments");
        env.put("LEDGER_TABLE", schema + ".payments_ingest_ledger");
        return env;
    }

    private String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = MigrateCommand.run(args, environment(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private long scalar(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(devstack.jdbcUrl(DevRegion.SECONDARY));
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void appliesPendingVersionsOnceAndReportsStatus() throws SQLException {
        try (Connection c = DriverManager.getConnection(devstack.jdbcUrl(DevRegion.SECONDARY));
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }

        assertTrue(run("--status").contains("pending: V1 payments and ledger"));
        String applied = run();
        assertTrue(applied.contains("applied: V1 payments and ledger"), applied);
        assertTrue(applied.contains("applied: V2 identity and conflicts"), applied);
        assertTrue(run().contains("schema is up to date"));
        assertTrue(run("--status").contains("applied versions: [1, 2]"));

        assertEquals(2, scalar("SELECT COUNT(*) FROM " + schema + ".paydr_schema_version"));
        assertEquals(9, columns("payments"));
        assertEquals(7, columns("payments_ingest_ledger"));
        assertEquals(10, columns("payments_conflicts"));
    }

    private long columns(String table) throws SQLException {
        return scalar("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = '" + schema
                + "' AND table_name = '" + table + "'");
    }

    @Test
    void v2AppliesOnTopOfRowsLoadedUnderV1() throws SQLException {
        try (Connection c = DriverManager.getConnection(devstack.jdbcUrl(DevRegion.SECONDARY));
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        TableName payments = new TableName(schema, "payments");
        List<Migration> all = MigrationScripts.bundled(payments, new TableName(schema, "payments_ingest_ledger"));
        DataApiExecutor executor = new DataApiExecutor(devstack.redshiftData(DevRegion.SECONDARY), new RedshiftTarget(
                Optional.of("paydr-us-west-2"), Optional.empty(), "payments",
                Optional.of("arn:aws:secretsmanager:us-west-2:000000000000:secret:paydr"), Optional.empty()));
        TableName versions = new TableName(schema, "paydr_schema_version");
        Deadline deadline = Deadline.after(Duration.ofMinutes(1));
        new SchemaMigrator(executor, versions, all.subList(0, 1), Clock.systemUTC()).migrate(deadline);
        PaymentTransaction v1Row = new PaymentTransaction("old-1", "Caf\u00e9 d'Or", -42, "EUR", PaymentStatus.REFUNDED,
                Instant.parse("2025-01-02T03:04:05.678Z"), "eu-west-1");
        executor.execute("INSERT INTO " + payments + " (transaction_id, merchant_id, amount_minor, currency, status,"
                + " occurred_at, source_region) VALUES ('old-1', 'Caf\u00e9 d''Or', -42, 'EUR', 'REFUNDED',"
                + " '2025-01-02 03:04:05.678', 'eu-west-1')", Map.of(), deadline);

        assertEquals(List.of(2), new SchemaMigrator(executor, versions, all, Clock.systemUTC()).migrate(deadline)
                .stream().map(Migration::version).toList());

        assertEquals(List.of(List.of(new RecordDigest().rowSha256(v1Row))), executor.query("SELECT row_sha256 FROM "
                + payments + " WHERE transaction_id = 'old-1'", Map.of(), deadline),
                "rows loaded before V2 get the same digest the load computes");
    }

    @Test
    void badConfigurationExitsWithTwoNamingTheVariable() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> env = environment();
        env.remove("REDSHIFT_DATABASE");

        int status = MigrateCommand.run(new String[0], env, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("REDSHIFT_DATABASE"));
    }
}
