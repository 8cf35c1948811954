package io.paydr.devstack;

import io.paydr.devstack.postgres.EmbeddedWarehouse;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How to start a {@link Devstack}. Immutable; {@link #defaults()} keeps everything in memory or in temporary
 * directories and honours {@code DEVSTACK_JDBC_URL}.
 */
public final class DevstackOptions {

    private final Path dataDirectory;
    private final String externalJdbcUrl;

    private DevstackOptions(Builder b) {
        this.dataDirectory = b.dataDirectory;
        this.externalJdbcUrl = b.externalJdbcUrl;
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

    /** An existing PostgreSQL server to use instead of the embedded one. */
    public Optional<String> externalJdbcUrl() {
        return Optional.ofNullable(externalJdbcUrl);
    }

    public static final class Builder {
        private Path dataDirectory;
        private String externalJdbcUrl = blankToNull(System.getenv(EmbeddedWarehouse.ENV_JDBC_URL));

        private Builder() {
        }

        public Builder dataDirectory(Path dir) {
            this.dataDirectory = dir == null ? null : dir.toAbsolutePath();
            return this;
        }

        /** Overrides {@code DEVSTACK_JDBC_URL}; null or blank means the embedded server. */
        public Builder externalJdbcUrl(String url) {
            this.externalJdbcUrl = blankToNull(url);
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
