package io.paydr.local.pipeline;

import io.paydr.contract.PaymentTransaction;
import io.paydr.local.generator.PaymentGenerator;
import io.paydr.publisher.PaymentPublisher;
import io.paydr.publisher.PublishException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The payment application's side: generates batches and publishes them through the publisher client at a
 * paced rate, a few publishes in flight at once (as an application with several request threads would),
 * retrying a failed publish with the same batch id (the publisher's documented retry), and adds every
 * published batch to the published set.
 */
public final class PaymentStream {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentStream.class);
    private static final int MAX_ATTEMPTS = 5;

    private final PaymentPublisher publisher;
    private final PaymentGenerator generator;
    private final PublishedSet published;
    private final int recordsPerBatch;
    private final double batchesPerSecond;
    private final int inFlight;
    private final AtomicLong retries = new AtomicLong();

    /**
     * @param batchesPerSecond pace of publishing; 0 publishes as fast as the publisher goes
     * @param inFlight         publishes running at once (1 = one after the other)
     */
    public PaymentStream(PaymentPublisher publisher, PaymentGenerator generator, PublishedSet published,
                         int recordsPerBatch, double batchesPerSecond, int inFlight) {
        if (recordsPerBatch < 1) {
            throw new IllegalArgumentException("records per batch must be >= 1, was " + recordsPerBatch);
        }
        if (batchesPerSecond < 0) {
            throw new IllegalArgumentException("rate must be >= 0 batches/s, was " + batchesPerSecond);
        }
        if (inFlight < 1) {
            throw new IllegalArgumentException("publishes in flight must be >= 1, was " + inFlight);
        }
        this.publisher = publisher;
        this.generator = generator;
        this.published = published;
        this.recordsPerBatch = recordsPerBatch;
        this.batchesPerSecond = batchesPerSecond;
        this.inFlight = inFlight;
    }

    /**
     * Publishes batches until {@code maxBatches} are out or {@code stop} says so; calls {@code afterBatch}
     * after each completed publish. Returns the number of batches published; rethrows a publish that failed
     * on every attempt.
     */
    public long publish(long maxBatches, BooleanSupplier stop, Runnable afterBatch) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(inFlight, r -> {
            Thread t = new Thread(r, "payment-app-publish-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Semaphore slots = new Semaphore(inFlight);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AtomicLong done = new AtomicLong();
        long started = System.nanoTime();
        try {
            for (long i = 0; i < maxBatches && !stop.getAsBoolean() && failure.get() == null; i++) {
                pace(started, i);
                List<PaymentTransaction> batch = generator.nextBatch(recordsPerBatch);
                slots.acquireUninterruptibly();
                pool.execute(() -> {
                    try {
                        publishOne(batch);
                        done.incrementAndGet();
                        afterBatch.run();
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        slots.release();
                    }
                });
            }
            slots.acquireUninterruptibly(inFlight);
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return done.get();
    }

    /** Publishes that failed and were retried with the same batch id. */
    public long retries() {
        return retries.get();
    }

    private void publishOne(List<PaymentTransaction> batch) {
        String batchId = publisher.newBatchId();
        for (int attempt = 1; ; attempt++) {
            try {
                publisher.publish(batchId, batch);
                published.add(batch);
                return;
            } catch (PublishException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw e;
                }
                retries.incrementAndGet();
                LOG.warn("publish of batch {} failed at {} (attempt {}), retrying with the same batch id", batchId,
                        e.stage(), attempt);
                sleep(100L << attempt);
            }
        }
    }

    private void pace(long startedNanos, long batchIndex) {
        if (batchesPerSecond <= 0) {
            return;
        }
        long dueNanos = startedNanos + (long) (batchIndex * 1e9 / batchesPerSecond);
        long waitNanos = dueNanos - System.nanoTime();
        if (waitNanos > 0) {
            sleep(waitNanos / 1_000_000);
        }
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        }
    }
}
