package io.paydr.devstack;

import io.paydr.devstack.postgres.EmbeddedWarehouse;
import io.paydr.devstack.redshift.WarehouseProfile;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How to start a {@link Devstack}. Immutable; {@link #defaults()} keeps everything in memory or in temporary
 * directories and honours {@code DEVSTACK_JDBC_URL}.
 */
public final class DevstackOptions {

    /** System property: keep S3 objects on disk under this directory (a JVM whose heap must not hold them). */
    public static final String S3_DIRECTORY_PROPERTY = "paydr.devstack.s3Directory";

    private final Path dataDirectory;
    private final Path s3Directory;
    private final String externalJdbcUrl;
    private final WarehouseProfile warehouseProfile;

    private DevstackOptions(Builder b) {
        this.dataDirectory = b.dataDirectory;
        this.s3Directory = b.s3Directory;
        this.externalJdbcUrl = b.externalJdbcUrl;
        this.warehouseProfile = b.warehouseProfile;
    }

    public static DevstackOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Where state survives restarts: S3 objects under {@code s3/}, the PostgreSQL cluster under {@code postgres/}.
     * Empty: S3 in memory, PostgreSQL in a temporary directory removed on close. SQS is always in memory.
     */
    public Optional<Path> dataDirectory() {
        return Optional.ofNullable(dataDirectory);
    }

    /** Where S3 keeps its objects: {@code s3Directory}, else {@code <dataDirectory>/s3}, else memory. */
    public Optional<Path> s3Directory() {
        return Optional.ofNullable(s3Directory).or(() -> dataDirectory().map(d -> d.resolve("s3")));
    }

    /** An existing PostgreSQL server to use instead of the embedded one. */
    public Optional<String> externalJdbcUrl() {
        return Optional.ofNullable(externalJdbcUrl);
    }

    /** How Redshift-like both Regions' warehouses are: {@link WarehouseProfile#fast()} unless chosen. */
    public WarehouseProfile warehouseProfile() {
        return warehouseProfile;
    }

    public static final class Builder {
        private WarehouseProfile warehouseProfile = WarehouseProfile.fast();
        private Path dataDirectory;
        private Path s3Directory = Optional.ofNullable(blankToNull(System.getProperty(S3_DIRECTORY_PROPERTY)))
                .map(Path::of).map(Path::toAbsolutePath).orElse(null);
        private String externalJdbcUrl = blankToNull(System.getenv(EmbeddedWarehouse.ENV_JDBC_URL));

        private Builder() {
        }

        public Builder dataDirectory(Path dir) {
            this.dataDirectory = dir == null ? null : dir.toAbsolutePath();
            return this;
        }

        /** S3 objects on disk here, whatever the data directory (default: the {@value #S3_DIRECTORY_PROPERTY} property). */
        public Builder s3Directory(Path dir) {
            this.s3Directory = dir == null ? null : dir.toAbsolutePath();
            return this;
        }

        /** Overrides {@code DEVSTACK_JDBC_URL}; null or blank means the embedded server. */
        public Builder externalJdbcUrl(String url) {
            this.externalJdbcUrl = blankToNull(url);
            return this;
        }

        /**
         * {@link WarehouseProfile#redshift()} gives both warehouses Redshift's statement costs, commit queue and the
         * Data API's rate quotas (ThrottlingException); the default, {@link WarehouseProfile#fast()}, has none.
         */
        public Builder warehouseProfile(WarehouseProfile profile) {
            this.warehouseProfile = java.util.Objects.requireNonNull(profile, "warehouse profile");
            return this;
        }

        public DevstackOptions build() {
            return new DevstackOptions(this);
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }
}
