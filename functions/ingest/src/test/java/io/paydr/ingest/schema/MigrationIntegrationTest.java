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
import java.util.HashMap;
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
        assertTrue(run().contains("applied: V1 payments and ledger"));
        assertTrue(run().contains("schema is up to date"));
        assertTrue(run("--status").contains("applied versions: [1]"));

        assertEquals(1, scalar("SELECT COUNT(*) FROM " + schema + ".paydr_schema_version"));
        assertEquals(7, scalar("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = '" + schema
                + "' AND table_name = 'payments'"));
        assertEquals(6, scalar("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = '" + schema
                + "' AND table_name = 'payments_ingest_ledger'"));
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
