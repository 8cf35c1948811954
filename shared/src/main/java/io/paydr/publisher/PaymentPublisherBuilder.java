package io.paydr.publisher;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.PayloadKeys;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Fluent builder of {@link PaymentPublisher}; every setting is checked in {@link #build()}. Not thread-safe. */
public final class PaymentPublisherBuilder {

    public static final int DEFAULT_MAX_RECORDS = 100_000;
    public static final long MIN_PART_SIZE = 5L * 1024 * 1024;
    public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;
    public static final long DEFAULT_MULTIPART_THRESHOLD = 16L * 1024 * 1024;
    public static final long DEFAULT_MEMORY_LIMIT = 8L * 1024 * 1024;
    private static final long MAX_MEMORY_LIMIT = 256L * 1024 * 1024;

    private S3Client s3;
    private SnsClient sns;
    private String bucket;
    private String topicArn;
    private String kmsKeyId;
    private boolean gzip = true;
    private String keyPrefix = PayloadKeys.DEFAULT_PREFIX;
    private Clock clock = Clock.systemUTC();
    private int maxRecords = DEFAULT_MAX_RECORDS;
    private long memoryLimit = DEFAULT_MEMORY_LIMIT;
    private long multipartThreshold = DEFAULT_MULTIPART_THRESHOLD;
    private long partSize = DEFAULT_PART_SIZE;
    private Path spoolDirectory = Path.of(System.getProperty("java.io.tmpdir"));
    private Executor executor;

    PaymentPublisherBuilder() {
    }

    public PaymentPublisherBuilder s3Client(S3Client s3) {
        this.s3 = s3;
        return this;
    }

    public PaymentPublisherBuilder snsClient(SnsClient sns) {
        this.sns = sns;
        return this;
    }

    public PaymentPublisherBuilder bucket(String bucket) {
        this.bucket = bucket;
        return this;
    }

    public PaymentPublisherBuilder topicArn(String topicArn) {
        this.topicArn = topicArn;
        return this;
    }

    /** SSE-KMS with this key (id, ARN or alias); without it objects use SSE-S3 (AES256). */
    public PaymentPublisherBuilder kmsKeyId(String kmsKeyId) {
        this.kmsKeyId = kmsKeyId;
        return this;
    }

    /** Gzip the payload (default true): about 8x fewer bytes stored, replicated and read. */
    public PaymentPublisherBuilder gzip(boolean gzip) {
        this.gzip = gzip;
        return this;
    }

    /** Key prefix (default {@code payments/v1}). */
    public PaymentPublisherBuilder keyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
        return this;
    }

    /** Clock for batch ids and key partitions (default system UTC). */
    public PaymentPublisherBuilder clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /** Largest batch accepted (default 100,000 records). */
    public PaymentPublisherBuilder maxRecords(int maxRecords) {
        this.maxRecords = maxRecords;
        return this;
    }

    /** Payload bytes kept in memory before spooling to a temp file (default 8 MiB, at most 256 MiB). */
    public PaymentPublisherBuilder memoryLimit(long bytes) {
        this.memoryLimit = bytes;
        return this;
    }

    /** Payloads above this size go up as multipart uploads (default 16 MiB). */
    public PaymentPublisherBuilder multipartThreshold(long bytes) {
        this.multipartThreshold = bytes;
        return this;
    }

    /** Multipart part size (default 8 MiB, at least S3's 5 MiB). */
    public PaymentPublisherBuilder partSize(long bytes) {
        this.partSize = bytes;
        return this;
    }

    /** Directory for spooled payloads above the memory limit (default java.io.tmpdir). */
    public PaymentPublisherBuilder spoolDirectory(Path directory) {
        this.spoolDirectory = directory;
        return this;
    }

    /** Executor for publishAsync (default: a pool of daemon threads owned and closed by the publisher). */
    public PaymentPublisherBuilder executor(Executor executor) {
        this.executor = executor;
        return this;
    }

    public PaymentPublisher build() {
        require(s3 != null, "s3Client is required");
        require(sns != null, "snsClient is required");
        require(bucket != null && !bucket.isBlank(), "bucket is required");
        require(topicArn != null && topicArn.startsWith("arn:"), "topicArn must be an SNS topic ARN");
        require(kmsKeyId == null || !kmsKeyId.isBlank(), "kmsKeyId must not be blank (leave it unset for SSE-S3)");
        require(maxRecords > 0, "maxRecords must be positive");
        require(partSize >= MIN_PART_SIZE, "partSize must be at least 5 MiB (S3 minimum)");
        require(multipartThreshold >= partSize, "multipartThreshold must be at least partSize");
        require(memoryLimit > 0 && memoryLimit <= MAX_MEMORY_LIMIT, "memoryLimit must be within 1 byte..256 MiB");
        require(spoolDirectory != null && Files.isDirectory(spoolDirectory), "spoolDirectory must be a directory");
        String prefix = PayloadKeys.normalizePrefix(keyPrefix);
        Objects.requireNonNull(clock, "clock");
        PaymentPublisher.PublisherSettings settings = new PaymentPublisher.PublisherSettings(s3, sns, bucket,
                topicArn, kmsKeyId, gzip ? ContentEncoding.GZIP : ContentEncoding.IDENTITY, prefix, clock, maxRecords,
                memoryLimit, multipartThreshold, partSize, spoolDirectory);
        if (executor != null) {
            return new PaymentPublisher(settings, executor, null);
        }
        ExecutorService owned = defaultExecutor();
        return new PaymentPublisher(settings, owned, owned);
    }

    /** Blocking I/O: a bounded pool of daemon threads, never the common ForkJoinPool. */
    private static ExecutorService defaultExecutor() {
        int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "paydr-publisher-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
