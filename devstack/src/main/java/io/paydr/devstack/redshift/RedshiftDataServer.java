package io.paydr.devstack.redshift;

import com.sun.net.httpserver.HttpServer;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.faults.Faults;
import io.paydr.devstack.redshift.internal.DataApiHandler;
import io.paydr.devstack.redshift.internal.DataApiOperations;
import io.paydr.devstack.redshift.internal.SessionPool;
import io.paydr.devstack.redshift.internal.StatementRunner;
import io.paydr.devstack.redshift.internal.StatementStore;
import io.paydr.devstack.redshift.internal.WarehouseModel;
import io.paydr.devstack.redshift.internal.copy.S3JsonCopy;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A compact Amazon Redshift Data API server (AWS JSON 1.1) for one Region's warehouse, over PostgreSQL
 * through JDBC, on a loopback port. Statements run asynchronously; callers poll or long-poll DescribeStatement.
 * Its {@link WarehouseProfile} decides whether statements cost what Redshift's do and requests are rate-limited.
 */
public final class RedshiftDataServer implements AutoCloseable {

    private final HttpServer http;
    private final ExecutorService httpThreads;
    private final StatementRunner runner;
    private final SessionPool sessions;
    private final WarehouseModel model;
    private final URI endpoint;

    private RedshiftDataServer(Builder b) throws IOException {
        this.sessions = new SessionPool(b.jdbcUrl);
        this.model = new WarehouseModel(b.profile);
        this.runner = new StatementRunner(sessions, new S3JsonCopy(b.s3), model, b.executorThreads);
        DataApiOperations operations = new DataApiOperations(
                new StatementStore(b.maxActiveStatements, b.maxRetainedStatements), runner, b.pageSize,
                b.maxWaitingRequests);
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        this.httpThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "devstack-redshift-http-" + b.region.id());
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(httpThreads);
        http.createContext("/", new DataApiHandler(b.region, b.faults, model, operations));
        http.start();
        this.endpoint = URI.create("http://" + http.getAddress().getHostString() + ":" + http.getAddress().getPort());
    }

    /** Starts a server with the defaults: what the devstack facade uses. */
    public static RedshiftDataServer start(DevRegion region, String jdbcUrl, S3Client s3, Faults faults) {
        return builder().region(region).jdbcUrl(jdbcUrl).s3(s3).faults(faults).start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The endpoint to give a RedshiftDataClient ({@code endpointOverride}). */
    public URI endpoint() {
        return endpoint;
    }

    public WarehouseProfile profile() {
        return model.profile();
    }

    /** Requests and throttles per operation, and commits, since the server started. */
    public DataApiStats stats() {
        return model.stats();
    }

    @Override
    public void close() {
        http.stop(0);
        httpThreads.shutdownNow();
        runner.close();
        sessions.close();
    }

    /**
     * Requests with WaitTimeSeconds that may wait on one statement at once. AWS documents the error
     * (ActiveWaitingRequestsExceededException) but not the limit: an assumption, see redshift-profile.properties.
     */
    public static final int DEFAULT_MAX_WAITING_REQUESTS = 10;

    /** Configuration of a server; every setting but region, JDBC URL, S3 client and faults has a default. */
    public static final class Builder {
        private DevRegion region;
        private String jdbcUrl;
        private S3Client s3;
        private Faults faults;
        private int pageSize = 1000;
        private int maxActiveStatements = 200;
        private int maxRetainedStatements = 1000;
        private int executorThreads = 4;
        private int maxWaitingRequests = DEFAULT_MAX_WAITING_REQUESTS;
        private WarehouseProfile profile = WarehouseProfile.fast();

        private Builder() {
        }

        public Builder region(DevRegion region) {
            this.region = region;
            return this;
        }

        /** The PostgreSQL database behind this warehouse, user and password included. */
        public Builder jdbcUrl(String jdbcUrl) {
            this.jdbcUrl = jdbcUrl;
            return this;
        }

        /** The S3 client that COPY reads its objects through. */
        public Builder s3(S3Client s3) {
            this.s3 = s3;
            return this;
        }

        public Builder faults(Faults faults) {
            this.faults = faults;
            return this;
        }

        /**
         * How Redshift-like the warehouse is (default {@link WarehouseProfile#fast()}). Also sets the limits the
         * profile names: active statements, waiting requests per statement and, when it has WLM slots, how many
         * statements run at once. Setters called after this one override those.
         */
        public Builder profile(WarehouseProfile profile) {
            this.profile = java.util.Objects.requireNonNull(profile, "profile");
            this.maxActiveStatements = profile.maxActiveStatements();
            this.maxWaitingRequests = profile.maxWaitingRequestsPerStatement();
            if (profile.wlmSlots() > 0) {
                this.executorThreads = profile.wlmSlots();
            }
            return this;
        }

        /** Rows per GetStatementResult page (default 1000, small enough that paging is exercised). */
        public Builder pageSize(int pageSize) {
            this.pageSize = positive("pageSize", pageSize);
            return this;
        }

        /** Statements that may be submitted or running at once (AWS: 200). */
        public Builder maxActiveStatements(int max) {
            this.maxActiveStatements = positive("maxActiveStatements", max);
            return this;
        }

        /** Long-polling requests that may wait on one statement at once; more get ActiveWaitingRequestsExceededException. */
        public Builder maxWaitingRequests(int max) {
            this.maxWaitingRequests = positive("maxWaitingRequests", max);
            return this;
        }

        /** Statements (with their results) kept in memory; the oldest finished ones are evicted first. */
        public Builder maxRetainedStatements(int max) {
            this.maxRetainedStatements = positive("maxRetainedStatements", max);
            return this;
        }

        /** Statements that execute concurrently, each on its own PostgreSQL session. */
        public Builder executorThreads(int threads) {
            this.executorThreads = positive("executorThreads", threads);
            return this;
        }

        public RedshiftDataServer start() {
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(s3, "s3");
            Objects.requireNonNull(faults, "faults");
            try {
                return new RedshiftDataServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not start the Redshift Data API server for " + region.id(), e);
            }
        }

        private static int positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be >= 1, was " + value);
            }
            return value;
        }
    }
}
