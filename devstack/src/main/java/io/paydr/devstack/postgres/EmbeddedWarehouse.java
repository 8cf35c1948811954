package io.paydr.devstack.postgres;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.postgres.internal.ExternalServerUrl;
import io.paydr.devstack.postgres.internal.RootlessBinaries;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The PostgreSQL behind both Regions' warehouses: one server, one database per Region
 * ({@code payments_us_east_1}, {@code payments_us_west_2}).
 *
 * <p>By default an embedded PostgreSQL 17 (zonky) with fsync and synchronous_commit off: fast, and
 * not durable across crashes, which a dev stack does not need. With {@link Builder#externalJdbcUrl} (or the
 * {@code DEVSTACK_JDBC_URL} environment variable, see {@link #builder()}) the databases are created on that
 * existing server instead, and {@link #close()} leaves it running.
 */
public final class EmbeddedWarehouse implements AutoCloseable {

    public static final String ENV_JDBC_URL = "DEVSTACK_JDBC_URL";
    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";

    private final EmbeddedPostgres postgres;
    private final Map<DevRegion, String> jdbcUrls;

    private EmbeddedWarehouse(EmbeddedPostgres postgres, Map<DevRegion, String> jdbcUrls) {
        this.postgres = postgres;
        this.jdbcUrls = jdbcUrls;
    }

    /** A builder whose external server defaults to {@code DEVSTACK_JDBC_URL} when that variable is set. */
    public static Builder builder() {
        return new Builder().externalJdbcUrl(System.getenv(ENV_JDBC_URL));
    }

    /** The database name of a Region's warehouse, e.g. {@code payments_us_east_1}. */
    public static String databaseName(DevRegion region) {
        return "payments_" + region.id().replace('-', '_');
    }

    /** JDBC URL of the Region's database, credentials included. */
    public String jdbcUrl(DevRegion region) {
        return jdbcUrls.get(region);
    }

    /** Whether this instance runs its own embedded server (false when pointed at an external one). */
    public boolean embedded() {
        return postgres != null;
    }

    /** Stops the embedded server (and removes its data unless a data directory was given). */
    @Override
    public void close() {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("stopping embedded PostgreSQL", e);
        }
    }

    private static EmbeddedWarehouse startEmbedded(Builder options) throws IOException {
        RootlessBinaries.prepare(options.workingDirectory);
        EmbeddedPostgres.Builder pg = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(options.workingDirectory.toFile())
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setRegisterShutdownHook(true);
        if (options.dataDirectory != null) {
            pg.setDataDirectory(options.dataDirectory).setCleanDataDirectory(false);
        }
        EmbeddedPostgres postgres = pg.start();
        String serverUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres?user=" + USER
                + "&password=" + PASSWORD;
        try {
            return new EmbeddedWarehouse(postgres, createDatabases(serverUrl));
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    private static Map<DevRegion, String> createDatabases(String serverUrl) {
        Map<DevRegion, String> urls = new EnumMap<>(DevRegion.class);
        try (Connection c = DriverManager.getConnection(serverUrl)) {
            for (DevRegion region : DevRegion.values()) {
                String db = databaseName(region);
                if (!exists(c, db)) {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE DATABASE " + db);
                    }
                }
                urls.put(region, ExternalServerUrl.withDatabase(serverUrl, db));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the warehouse databases on "
                    + ExternalServerUrl.withoutSecrets(serverUrl) + ": " + e.getMessage(), e);
        }
        return Map.copyOf(urls);
    }

    private static boolean exists(Connection c, String database) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Immutable once started; every setting optional. */
    public static final class Builder {
        private Path workingDirectory = defaultWorkingDirectory();
        private Path dataDirectory;
        private String externalJdbcUrl;

        private Builder() {
        }

        /** Where the PostgreSQL binaries are extracted (shared between runs). */
        public Builder workingDirectory(Path dir) {
            this.workingDirectory = Objects.requireNonNull(dir, "workingDirectory");
            return this;
        }

        /** Keep the cluster in this directory across runs; by default a temporary one removed on close. */
        public Builder dataDirectory(Path dir) {
            this.dataDirectory = dir;
            return this;
        }

        /** Use this existing server (a JDBC URL with credentials) instead of the embedded one; null or blank = embedded. */
        public Builder externalJdbcUrl(String url) {
            this.externalJdbcUrl = url == null || url.isBlank() ? null : url.trim();
            return this;
        }

        public EmbeddedWarehouse start() {
            if (externalJdbcUrl != null) {
                return new EmbeddedWarehouse(null, createDatabases(externalJdbcUrl));
            }
            try {
                return startEmbedded(this);
            } catch (IOException e) {
                throw new UncheckedIOException("starting embedded PostgreSQL in " + workingDirectory, e);
            }
        }

        private static Path defaultWorkingDirectory() {
            Path target = Path.of("target");
            Path base = Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir"));
            return base.resolve("embedded-pg").toAbsolutePath();
        }
    }
}
