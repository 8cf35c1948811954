package io.paydr.ops;

import io.paydr.contract.PayloadKeys;
import io.paydr.ops.ReplayResult.Failure;
import io.paydr.ops.ReplayResult.ReplayedObject;
import io.paydr.ops.internal.ObjectInspector;
import io.paydr.ops.internal.PayloadKeyLayout;
import io.paydr.ops.internal.PayloadKeyLayout.PayloadKey;
import io.paydr.ops.internal.PayloadObject;
import io.paydr.ops.internal.PointerMessages;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Re-enqueues the pointer of every payload object published in a time range, to rebuild a Region whose queue lost
 * messages (an outage longer than retention). Lists one prefix per publish hour, reads each object's size, SHA-256
 * and record count (HeadObject), and sends one pointer message per object with the attributes of the wire contract,
 * ten per SendMessageBatch. Safe to repeat: the loader skips payloads already in its ledger.
 */
public final class Replayer {

    private static final int SQS_BATCH = 10;

    private final S3Client s3;
    private final SqsClient sqs;
    private final String bucket;
    private final String prefix;
    private final TimeRange range;
    private final String queueUrl;
    private final boolean dryRun;
    private final int parallelism;
    private final ProgressListener progress;

    private Replayer(Builder b) {
        this.s3 = b.s3;
        this.sqs = b.sqs;
        this.bucket = b.bucket;
        this.prefix = PayloadKeys.normalizePrefix(b.prefix);
        this.range = b.range;
        this.queueUrl = b.queueUrl;
        this.dryRun = b.dryRun;
        this.parallelism = b.parallelism;
        this.progress = b.progress;
    }

    public static Builder builder() {
        return new Builder();
    }

    public ReplayResult replay() {
        List<PayloadKey> keys = new ArrayList<>();
        int skipped = list(keys);
        List<ReplayedObject> replayed = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        ObjectInspector inspector = new ObjectInspector(s3);
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "replay-inspect");
            t.setDaemon(true);
            return t;
        });
        try {
            progress.progress(0, keys.size());
            for (int from = 0; from < keys.size(); from += SQS_BATCH) {
                List<PayloadKey> chunk = keys.subList(from, Math.min(keys.size(), from + SQS_BATCH));
                List<PayloadObject> objects = inspect(chunk, inspector, pool, failures);
                send(objects, replayed, failures);
                progress.progress(from + chunk.size(), keys.size());
            }
        } finally {
            pool.shutdownNow();
        }
        return new ReplayResult(range, bucket, queueUrl, dryRun, replayed, failures, skipped);
    }

    /** Collects the payload keys of every publish hour in the range; returns how many other keys were skipped. */
    private int list(List<PayloadKey> into) {
        int skipped = 0;
        for (String hourPrefix : PayloadKeyLayout.hourPrefixes(prefix, range)) {
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(hourPrefix)).contents()) {
                var key = PayloadKeyLayout.parse(hourPrefix, o.key());
                if (key.isPresent()) {
                    into.add(key.get());
                } else {
                    skipped++;
                }
            }
        }
        return skipped;
    }

    private List<PayloadObject> inspect(List<PayloadKey> chunk, ObjectInspector inspector, ExecutorService pool,
                                        List<Failure> failures) {
        List<CompletableFuture<PayloadObject>> futures = chunk.stream()
                .map(k -> CompletableFuture.supplyAsync(() -> inspector.inspect(bucket, k), pool)).toList();
        List<PayloadObject> objects = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            try {
                objects.add(futures.get(i).join());
            } catch (CompletionException e) {
                failures.add(new Failure(chunk.get(i).key(), reason(e.getCause())));
            }
        }
        return objects;
    }

    private void send(List<PayloadObject> objects, List<ReplayedObject> replayed, List<Failure> failures) {
        if (objects.isEmpty()) {
            return;
        }
        if (dryRun) {
            objects.forEach(o -> replayed.add(replayed(o, null)));
            return;
        }
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            entries.add(PointerMessages.entry(Integer.toString(i), objects.get(i)));
        }
        SendMessageBatchResponse response;
        try {
            response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        } catch (SdkException e) {
            objects.forEach(o -> failures.add(new Failure(o.key(), "send failed: " + reason(e))));
            return;
        }
        for (SendMessageBatchResultEntry ok : response.successful()) {
            replayed.add(replayed(objects.get(Integer.parseInt(ok.id())), ok.messageId()));
        }
        for (BatchResultErrorEntry failed : response.failed()) {
            failures.add(new Failure(objects.get(Integer.parseInt(failed.id())).key(),
                    "send failed: " + failed.code() + " " + failed.message()));
        }
    }

    private static ReplayedObject replayed(PayloadObject o, String messageId) {
        return new ReplayedObject(o.key(), o.batchId(), o.size(), o.recordCount(), o.sha256Hex(),
                o.encoding().headerValue(), o.sha256Source(), messageId);
    }

    private static String reason(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Fluent, single-use builder; the built Replayer is immutable. */
    public static final class Builder {
        private S3Client s3;
        private SqsClient sqs;
        private String bucket;
        private String prefix = PayloadKeys.DEFAULT_PREFIX;
        private TimeRange range;
        private String queueUrl;
        private boolean dryRun;
        private int parallelism = 8;
        private ProgressListener progress = ProgressListener.NONE;

        private Builder() {
        }

        /** The client for the payload bucket's Region. */
        public Builder s3(S3Client s3) {
            this.s3 = s3;
            return this;
        }

        /** The client for the queue's Region (not used in a dry run). */
        public Builder sqs(SqsClient sqs) {
            this.sqs = sqs;
            return this;
        }

        /** The bucket to replay from: the Region's replica bucket or the source bucket; the pointers name it. */
        public Builder bucket(String bucket) {
            this.bucket = bucket;
            return this;
        }

        /** The key prefix before {@code dt=}; default {@code payments/v1}. */
        public Builder prefix(String prefix) {
            this.prefix = prefix;
            return this;
        }

        /** Publish hours to replay: every hour that overlaps the range, whole. */
        public Builder range(TimeRange range) {
            this.range = range;
            return this;
        }

        public Builder queueUrl(String queueUrl) {
            this.queueUrl = queueUrl;
            return this;
        }

        /** List and inspect, send nothing. */
        public Builder dryRun(boolean dryRun) {
            this.dryRun = dryRun;
            return this;
        }

        /** Concurrent HeadObject calls (default 8). */
        public Builder parallelism(int n) {
            if (n < 1 || n > 64) {
                throw new OpsConfigException("parallelism must be 1-64");
            }
            this.parallelism = n;
            return this;
        }

        public Builder progress(ProgressListener listener) {
            this.progress = Objects.requireNonNull(listener, "progress");
            return this;
        }

        public Replayer build() {
            require(s3 != null, "an S3 client");
            require(bucket != null && !bucket.isBlank(), "a bucket");
            require(range != null, "a time range");
            require(dryRun || sqs != null, "an SQS client");
            require(dryRun || queueUrl != null && !queueUrl.isBlank(), "a queue URL");
            try {
                PayloadKeys.normalizePrefix(prefix);
            } catch (IllegalArgumentException e) {
                throw new OpsConfigException(e.getMessage());
            }
            return new Replayer(this);
        }

        private static void require(boolean present, String what) {
            if (!present) {
                throw new OpsConfigException("replay needs " + what);
            }
        }
    }
}
