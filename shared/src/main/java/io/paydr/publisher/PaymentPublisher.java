package io.paydr.publisher;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.PayloadAttributes;
import io.paydr.contract.PayloadKeys;
import io.paydr.contract.PayloadPointer;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.PaymentValidator;
import io.paydr.publisher.internal.BatchIds;
import io.paydr.publisher.internal.EncodedBatch;
import io.paydr.publisher.internal.PayloadStore;
import io.paydr.publisher.internal.PayloadStore.StoredPayload;
import io.paydr.publisher.internal.PayloadUploader;
import io.paydr.publisher.internal.PointerNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * Publishes batches of payments the v1 way (docs/architecture.md section 2): the records as JSON Lines to S3, then the
 * payload-offloading pointer to SNS. Build once with {@link #builder()}, share freely: immutable and thread-safe.
 *
 * <p>Failure semantics. Input is checked before any I/O: an invalid batch throws
 * {@link io.paydr.contract.ContractViolationException} listing every violation; an empty batch, one above
 * {@code maxRecords} or an unsafe batch id throws {@link IllegalArgumentException}. If S3 fails nothing is
 * published ({@link PublishException}, stage STORE_PAYLOAD). If SNS fails after the object was written, the
 * {@link PublishException} (stage NOTIFY) carries the batch id and key; {@code publish(batchId, sameRecords)} then
 * finds the stored object and sends the pointer again, which consumers dedupe.
 *
 * <p>One batch id names one payload object. The first attempt claims the batch id (an immutable object at
 * {@code <prefix>/batch-ids/<batchId>.json}) for its key and a digest of its records; every later attempt, in any
 * hour and either encoding, is sent to that key: the same records are a retry, other records a
 * {@link BatchIdConflictException} that writes and publishes nothing. Batch ids generated here embed their creation
 * time, which chooses the dt=/hh= partition; a caller's own id is partitioned by the hour of its first attempt.
 *
 * <p>Why the plain SDK and not the SNS extended client: the extended client uploads with its own random key (no
 * dt=/hh=/batchId layout), buffers the message body as a String (no streaming, no multipart), does not apply
 * SSE-KMS settings, cannot attach a precomputed SHA-256 checksum or object metadata, and offloads only above a
 * size threshold. This class writes the object itself and sends exactly the wire format the extended client
 * would: the body is {@code PointerCodec.write} (byte-identical to payload-offloading's pointer) and the size goes
 * in the reserved {@code ExtendedPayloadSize} Number attribute, so the SQS/SNS extended clients on the consuming
 * side resolve our messages unchanged.
 */
public final class PaymentPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentPublisher.class);

    private final PublisherSettings settings;
    private final PayloadStore payloadStore;
    private final PointerNotifier notifier;
    private final Executor executor;
    private final ExecutorService ownedExecutor;

    PaymentPublisher(PublisherSettings settings, Executor executor, ExecutorService ownedExecutor) {
        this.settings = settings;
        PayloadUploader uploader = new PayloadUploader(settings.s3(), settings.kmsKeyId(),
                settings.multipartThreshold(), settings.partSize());
        this.payloadStore = new PayloadStore(settings.s3(), settings.bucket(), settings.keyPrefix(),
                settings.kmsKeyId(), uploader);
        this.notifier = new PointerNotifier(settings.sns(), settings.topicArn());
        this.executor = executor;
        this.ownedExecutor = ownedExecutor;
    }

    public static PaymentPublisherBuilder builder() {
        return new PaymentPublisherBuilder();
    }

    /** Publishes a batch under a new batch id (see {@link #newBatchId()}). */
    public PublishReceipt publish(List<PaymentTransaction> records) {
        requirePublishable(records);
        return publishChecked(newBatchId(), records);
    }

    /** Publishes a batch under the given id; repeat with the same id and records to retry safely. */
    public PublishReceipt publish(String batchId, List<PaymentTransaction> records) {
        PayloadKeys.requireSafeBatchId(batchId);
        requirePublishable(records);
        return publishChecked(batchId, records);
    }

    /** {@link #publish(List)} on the publisher's executor; input errors complete the future exceptionally too. */
    public CompletableFuture<PublishReceipt> publishAsync(List<PaymentTransaction> records) {
        return CompletableFuture.supplyAsync(() -> publish(records), executor);
    }

    public CompletableFuture<PublishReceipt> publishAsync(String batchId, List<PaymentTransaction> records) {
        return CompletableFuture.supplyAsync(() -> publish(batchId, records), executor);
    }

    /** A fresh batch id that embeds the current time: {@code 20261125T163815Z-<32 hex>}. */
    public String newBatchId() {
        return BatchIds.next(settings.clock());
    }

    /**
     * The key a first publish of this batch id would choose now: its embedded time's hour, else the clock's, and this
     * publisher's encoding. Once the id is published, every retry uses the key of its first publish instead (see
     * {@link PublishReceipt#key()}); for a generated id that is this key whenever the encoding is the same.
     */
    public String keyFor(String batchId) {
        return keyFor(batchId, settings.clock().instant());
    }

    private String keyFor(String batchId, Instant now) {
        Instant partitionTime = BatchIds.embeddedTime(batchId).orElse(now);
        return PayloadKeys.key(settings.keyPrefix(), partitionTime, batchId, settings.encoding());
    }

    public String bucket() {
        return settings.bucket();
    }

    public String topicArn() {
        return settings.topicArn();
    }

    /** Stops the default executor if this publisher created one; the S3 and SNS clients stay open (they are yours). */
    @Override
    public void close() {
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }

    private void requirePublishable(List<PaymentTransaction> records) {
        Objects.requireNonNull(records, "records");
        if (records.isEmpty()) {
            throw new IllegalArgumentException("batch is empty: publish at least one record");
        }
        if (records.size() > settings.maxRecords()) {
            throw new IllegalArgumentException("batch has " + records.size() + " records, above maxRecords "
                    + settings.maxRecords() + ": split it");
        }
        PaymentValidator.requireValid(records);
    }

    private PublishReceipt publishChecked(String batchId, List<PaymentTransaction> records) {
        Instant now = settings.clock().instant();
        String firstKey = keyFor(batchId, now);
        String bucket = settings.bucket();
        try (EncodedBatch batch = EncodedBatch.encode(records, settings.encoding(), settings.memoryLimit(),
                settings.partSize(), settings.spoolDirectory())) {
            StoredPayload stored = store(bucket, firstKey, batchId, now, batch);
            PayloadAttributes attributes = PayloadAttributes.payments(records.size(), stored.sha256(), batchId,
                    stored.encoding(), stored.bytes());
            String messageId = notify(bucket, stored.key(), batchId, attributes);
            LOG.debug("published batch {} ({} records, {} bytes) to s3://{}/{} as SNS message {}", batchId,
                    records.size(), stored.bytes(), bucket, stored.key(), messageId);
            return new PublishReceipt(batchId, bucket, stored.key(), stored.bytes(), stored.sha256(), records.size(),
                    messageId);
        }
    }

    private StoredPayload store(String bucket, String firstKey, String batchId, Instant now, EncodedBatch batch) {
        try {
            return payloadStore.store(batchId, firstKey, now, batch);
        } catch (SdkException e) {
            // the key is the one this attempt would have chosen; a retry learns the claimed one
            throw new PublishException(PublishException.Stage.STORE_PAYLOAD, batchId, bucket, firstKey, e);
        }
    }

    private String notify(String bucket, String key, String batchId, PayloadAttributes attributes) {
        try {
            return notifier.publish(new PayloadPointer(bucket, key), attributes);
        } catch (SdkException e) {
            LOG.warn("batch {}: payload stored at s3://{}/{} but the SNS publish failed; retry with the same batch id",
                    batchId, bucket, key);
            throw new PublishException(PublishException.Stage.NOTIFY, batchId, bucket, key, e);
        }
    }

    /** Settings as the builder validated them. */
    record PublisherSettings(S3Client s3, SnsClient sns, String bucket, String topicArn, String kmsKeyId,
                             ContentEncoding encoding, String keyPrefix, Clock clock, int maxRecords,
                             long memoryLimit, long multipartThreshold, long partSize, Path spoolDirectory) {
    }
}
