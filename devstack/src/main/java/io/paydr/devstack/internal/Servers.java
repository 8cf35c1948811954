package io.paydr.devstack.internal;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.DevstackOptions;
import io.paydr.devstack.faults.Faults;
import io.paydr.devstack.postgres.EmbeddedWarehouse;
import io.paydr.devstack.redshift.RedshiftDataServer;
import io.paydr.devstack.s3.S3Server;
import io.paydr.devstack.sns.SnsServer;
import io.paydr.devstack.sqs.SqsServer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Starts every devstack server, in parallel where they do not depend on each other, and stops them in reverse
 * order. SNS waits for both SQS servers (it fans out into them); each Data API server waits for PostgreSQL and S3
 * (COPY reads from S3).
 */
public final class Servers implements AutoCloseable {

    public final S3Server s3;
    public final Map<DevRegion, SqsServer> sqs;
    public final SnsServer sns;
    public final Map<DevRegion, RedshiftDataServer> redshift;
    public final EmbeddedWarehouse warehouse;
    private final Deque<AutoCloseable> stopOrder;

    private Servers(S3Server s3, Map<DevRegion, SqsServer> sqs, SnsServer sns, Map<DevRegion, RedshiftDataServer> redshift,
                    EmbeddedWarehouse warehouse, Deque<AutoCloseable> stopOrder) {
        this.s3 = s3;
        this.sqs = sqs;
        this.sns = sns;
        this.redshift = redshift;
        this.warehouse = warehouse;
        this.stopOrder = stopOrder;
    }

    public static Servers start(Faults faults, DevstackOptions options) {
        Path data = options.dataDirectory().orElse(null);
        Deque<AutoCloseable> stopOrder = new ArrayDeque<>();
        List<CompletableFuture<?>> all = new ArrayList<>();

        var warehouse = track(all, stopOrder, async(() -> startWarehouse(options, data)));
        var s3 = track(all, stopOrder, async(() -> S3Server.start(faults, options.s3Directory().orElse(null))));
        Map<DevRegion, CompletableFuture<SqsServer>> sqs = new EnumMap<>(DevRegion.class);
        for (DevRegion r : DevRegion.values()) {
            sqs.put(r, track(all, stopOrder, async(() -> SqsServer.start(r, faults))));
        }
        var sns = track(all, stopOrder, CompletableFuture.allOf(sqs.values().toArray(CompletableFuture[]::new))
                .thenApply(ignored -> startSns(faults, joined(sqs), stopOrder)));
        Map<DevRegion, CompletableFuture<RedshiftDataServer>> redshift = new EnumMap<>(DevRegion.class);
        for (DevRegion r : DevRegion.values()) {
            redshift.put(r, track(all, stopOrder, warehouse.thenCombine(s3, (w, s) -> RedshiftDataServer.builder()
                    .region(r).jdbcUrl(w.jdbcUrl(r)).faults(faults).profile(options.warehouseProfile())
                    .s3(client(stopOrder, Clients.build(S3Client.builder().forcePathStyle(true), s.endpoint(), r)))
                    .start())));
        }
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            stop(stopOrder);
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return new Servers(s3.join(), joined(sqs), sns.join(), joined(redshift), warehouse.join(), stopOrder);
    }

    /** SNS fans out through one SqsClient per Region, owned (and closed) here. */
    private static SnsServer startSns(Faults faults, Map<DevRegion, SqsServer> sqs, Deque<AutoCloseable> stopOrder) {
        Map<DevRegion, SqsClient> delivery = new EnumMap<>(DevRegion.class);
        sqs.forEach((r, server) -> delivery.put(r, client(stopOrder, Clients.build(SqsClient.builder(), server.endpoint(), r))));
        Map<DevRegion, SqsClient> clients = Map.copyOf(delivery);
        return SnsServer.start(faults, clients::get);
    }

    /** Stops every server, PostgreSQL last; reports the first failure after trying all. */
    @Override
    public void close() {
        stop(stopOrder);
    }

    private static void stop(Deque<AutoCloseable> stopOrder) {
        RuntimeException failure = null;
        while (true) {
            AutoCloseable next;
            synchronized (stopOrder) {
                next = stopOrder.poll();
            }
            if (next == null) {
                break;
            }
            try {
                next.close();
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

    /** Remembers a server for stopping as soon as it is up, so a failed start-up stops the others. */
    private static <T extends AutoCloseable> CompletableFuture<T> track(List<CompletableFuture<?>> all,
            Deque<AutoCloseable> stopOrder, CompletableFuture<T> future) {
        all.add(future.thenAccept(server -> {
            synchronized (stopOrder) {
                // the warehouse is started first by dependency and must stop last
                if (server instanceof EmbeddedWarehouse) {
                    stopOrder.addLast(server);
                } else {
                    stopOrder.addFirst(server);
                }
            }
        }));
        return future;
    }

    private static <C extends AutoCloseable> C client(Deque<AutoCloseable> stopOrder, C client) {
        synchronized (stopOrder) {
            stopOrder.addFirst(client);
        }
        return client;
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

    private static <T> Map<DevRegion, T> joined(Map<DevRegion, CompletableFuture<T>> futures) {
        Map<DevRegion, T> byRegion = new EnumMap<>(DevRegion.class);
        futures.forEach((r, f) -> byRegion.put(r, f.join()));
        return Map.copyOf(byRegion);
    }
}
