package io.paydr.devstack;

import io.paydr.devstack.faults.Faults;
import io.paydr.devstack.internal.Clients;
import io.paydr.devstack.postgres.EmbeddedWarehouse;
import io.paydr.devstack.s3.S3Server;
import io.paydr.devstack.sqs.SqsServer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The whole two-Region AWS stack on loopback ports, in this JVM: S3 (one endpoint), SQS (one per Region),
 * and the PostgreSQL behind the warehouses, with a shared fault switchboard.
 *
 * <p>Client factories return new clients configured for devstack (dummy credentials, path-style S3); the caller
 * closes them.
 */
public final class Devstack implements AutoCloseable {

    private static Devstack shared;

    private final Faults faults;
    private final S3Server s3;
    private final Map<DevRegion, SqsServer> sqs;
    private final EmbeddedWarehouse warehouse;
    private final Duration startupTime;
    private final Deque<AutoCloseable> closeOrder = new ArrayDeque<>();

    private Devstack(Faults faults, S3Server s3, Map<DevRegion, SqsServer> sqs, EmbeddedWarehouse warehouse,
                     Duration startupTime) {
        this.faults = faults;
        this.s3 = s3;
        this.sqs = sqs;
        this.warehouse = warehouse;
        this.startupTime = startupTime;
        closeOrder.push(warehouse);
        closeOrder.push(s3);
        sqs.values().forEach(closeOrder::push);
    }

    /** Starts an own instance; the caller closes it. Servers start in parallel. */
    public static Devstack start(DevstackOptions options) {
        long started = System.nanoTime();
        Faults faults = new Faults();
        Path data = options.dataDirectory().orElse(null);
        CompletableFuture<EmbeddedWarehouse> warehouse = async(() -> startWarehouse(options, data));
        CompletableFuture<SqsServer> east = async(() -> SqsServer.start(DevRegion.PRIMARY, faults));
        CompletableFuture<SqsServer> west = async(() -> SqsServer.start(DevRegion.SECONDARY, faults));
        CompletableFuture<S3Server> s3 = async(() -> S3Server.start(faults, data == null ? null : data.resolve("s3")));
        try {
            CompletableFuture.allOf(warehouse, east, west, s3).join();
        } catch (CompletionException e) {
            closeQuietly(warehouse, east, west, s3);
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        Map<DevRegion, SqsServer> queues = new EnumMap<>(DevRegion.class);
        queues.put(DevRegion.PRIMARY, east.join());
        queues.put(DevRegion.SECONDARY, west.join());
        return new Devstack(faults, s3.join(), Map.copyOf(queues), warehouse.join(),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /** The JVM-wide instance with default options: started on first use, stopped by a shutdown hook. */
    public static synchronized Devstack shared() {
        if (shared == null) {
            Devstack instance = start(DevstackOptions.defaults());
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "devstack-shutdown"));
            shared = instance;
        }
        return shared;
    }

    public URI s3Endpoint() {
        return s3.endpoint();
    }

    public URI sqsEndpoint(DevRegion region) {
        return sqs.get(region).endpoint();
    }

    public String jdbcUrl(DevRegion region) {
        return warehouse.jdbcUrl(region);
    }

    public Faults faults() {
        return faults;
    }

    /** Wall time from {@link #start} to every server accepting requests. */
    public Duration startupTime() {
        return startupTime;
    }

    public S3Client s3(DevRegion region) {
        return Clients.build(S3Client.builder().forcePathStyle(true), s3Endpoint(), region);
    }

    public SqsClient sqs(DevRegion region) {
        return Clients.build(SqsClient.builder(), sqsEndpoint(region), region);
    }

    /** The standard SDK environment variables that point code configured from the environment at this Region. */
    public Map<String, String> environment(DevRegion region) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", region.id());
        env.put("AWS_ACCESS_KEY_ID", Clients.ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", Clients.SECRET_ACCESS_KEY);
        env.put("AWS_ENDPOINT_URL_S3", s3Endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint(region).toString());
        env.put("PAYDR_S3_PATH_STYLE", "true");
        return Map.copyOf(env);
    }

    /** Stops every server, PostgreSQL last. Idempotent. */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        while (!closeOrder.isEmpty()) {
            try {
                closeOrder.pop().close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("stopping devstack: " + e.getMessage(), e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static EmbeddedWarehouse startWarehouse(DevstackOptions options, Path data) {
        EmbeddedWarehouse.Builder builder = EmbeddedWarehouse.builder().externalJdbcUrl(options.externalJdbcUrl().orElse(null));
        if (data != null) {
            builder.dataDirectory(data.resolve("postgres"));
        }
        return builder.start();
    }

    private static <T> CompletableFuture<T> async(Supplier<T> start) {
        return CompletableFuture.supplyAsync(start, r -> {
            Thread t = new Thread(r, "devstack-start");
            t.setDaemon(true);
            t.start();
        });
    }

    @SafeVarargs
    private static void closeQuietly(CompletableFuture<? extends AutoCloseable>... servers) {
        for (CompletableFuture<? extends AutoCloseable> server : servers) {
            server.thenAccept(s -> {
                try {
                    s.close();
                } catch (Exception ignored) {
                    // already failing start-up; the first failure is the one reported
                }
            });
        }
    }
}
