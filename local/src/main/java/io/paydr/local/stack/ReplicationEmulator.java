package io.paydr.local.stack;

import io.paydr.contract.PayloadKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for S3 Cross-Region Replication, which devstack's S3 does not have: scans the source bucket
 * under the replicated prefix and copies each new object (data and metadata) to the destination bucket
 * {@code delay} after the scan first saw it. The delay can change while running, which is how a drill
 * makes replication fall behind: objects written while the delay is long keep their late due time, like
 * a CRR backlog. Deletes are never replicated, as in the template's rule (DeleteMarkerReplication
 * disabled).
 */
public final class ReplicationEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicationEmulator.class);
    private static final long SCAN_INTERVAL_MILLIS = 100;

    private final S3Client s3;
    private final String sourceBucket;
    private final String destinationBucket;
    private final String prefix;
    private final ScheduledExecutorService scanner;
    /** key -> System.nanoTime() at which it is due for copying */
    private final Map<String, Long> pending = new LinkedHashMap<>();
    private final Set<String> replicated = new HashSet<>();
    private final AtomicLong replicatedCount = new AtomicLong();
    private final AtomicLong replicatedPayloadCount = new AtomicLong();
    private volatile Duration delay;

    public ReplicationEmulator(S3Client s3, String sourceBucket, String destinationBucket, String prefix,
                               Duration delay) {
        this.s3 = s3;
        this.sourceBucket = sourceBucket;
        this.destinationBucket = destinationBucket;
        this.prefix = prefix;
        this.delay = delay;
        this.scanner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "crr-" + sourceBucket);
            t.setDaemon(true);
            return t;
        });
    }

    public ReplicationEmulator start() {
        scanner.scheduleWithFixedDelay(this::scanQuietly, 0, SCAN_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Changes how long objects first seen from now on wait before they are copied. */
    public void delay(Duration newDelay) {
        this.delay = newDelay;
    }

    public Duration delay() {
        return delay;
    }

    /** Objects copied so far: payloads and the publisher's batch-id claims beside them. */
    public long replicatedCount() {
        return replicatedCount.get();
    }

    /** Payload objects copied so far (batch-id claims, replicated too as CRR would, are not counted). */
    public long replicatedPayloadCount() {
        return replicatedPayloadCount.get();
    }

    public synchronized int pendingCount() {
        return pending.size();
    }

    /** Keys seen but not yet copied. */
    public synchronized java.util.List<String> pendingKeys() {
        return java.util.List.copyOf(pending.keySet());
    }

    @Override
    public void close() {
        scanner.shutdownNow();
        try {
            scanner.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void scanQuietly() {
        try {
            scan();
        } catch (RuntimeException e) {
            // like CRR, keep retrying: a failed copy stays pending
            LOG.debug("replication scan of {} failed: {}", sourceBucket, e.toString());
        }
    }

    private synchronized void scan() {
        long now = System.nanoTime();
        long dueAt = now + delay.toNanos();
        for (S3Object o : s3.listObjectsV2Paginator(r -> r.bucket(sourceBucket).prefix(prefix)).contents()) {
            if (!replicated.contains(o.key())) {
                pending.putIfAbsent(o.key(), dueAt);
            }
        }
        var due = pending.entrySet().iterator();
        while (due.hasNext()) {
            Map.Entry<String, Long> e = due.next();
            if (now >= e.getValue()) {
                replicateOne(e.getKey(), due);
            }
        }
    }

    /** One failed copy must not hold up the others: it stays pending, or is dropped if the key is gone. */
    private void replicateOne(String key, Iterator<Map.Entry<String, Long>> due) {
        try {
            copy(key);
            replicated.add(key);
            replicatedCount.incrementAndGet();
            if (!PayloadKeys.isClaimKey(key)) {
                replicatedPayloadCount.incrementAndGet();
            }
            due.remove();
        } catch (NoSuchKeyException e) {
            // a key listed while its upload was in flight (the store's temporary file) no longer exists
            due.remove();
        } catch (RuntimeException e) {
            LOG.debug("replication of {} failed, will retry: {}", key, e.toString());
        }
    }

    private void copy(String key) {
        s3.copyObject(r -> r.sourceBucket(sourceBucket).sourceKey(key)
                .destinationBucket(destinationBucket).destinationKey(key));
    }
}
