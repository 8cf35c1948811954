package io.paydr.publisher;

import java.util.Optional;

/**
 * A publish that failed on AWS. {@link #stage()} says where: when the payload was not stored
 * ({@link Stage#STORE_PAYLOAD}) nothing was published; when the pointer could not be sent
 * ({@link Stage#NOTIFY}) the payload object exists but no message went out. In both cases calling
 * {@code publish(batchId(), sameRecords)} is safe, in any hour and with either encoding: it finds (or stores) the
 * batch id's one object, sends the pointer, and consumers dedupe.
 */
public class PublishException extends RuntimeException {

    /** The step that failed. */
    public enum Stage {
        /** Writing the payload to S3 failed; nothing was published. */
        STORE_PAYLOAD,
        /** The payload is in S3, but publishing the pointer to SNS failed. */
        NOTIFY
    }

    private final Stage stage;
    private final String batchId;
    private final String bucket;
    private final String key;

    public PublishException(Stage stage, String batchId, String bucket, String key, Throwable cause) {
        this(stage, batchId, bucket, key, message(stage, batchId, bucket, key, cause), cause);
    }

    protected PublishException(Stage stage, String batchId, String bucket, String key, String message,
                               Throwable cause) {
        super(message, cause);
        this.stage = stage;
        this.batchId = batchId;
        this.bucket = bucket;
        this.key = key;
    }

    public Stage stage() {
        return stage;
    }

    /** The batch id to retry with. */
    public String batchId() {
        return batchId;
    }

    public String bucket() {
        return bucket;
    }

    /** The payload key (written when the stage is NOTIFY, attempted when STORE_PAYLOAD). */
    public String key() {
        return key;
    }

    /** True when the payload object exists in S3 (the pointer message was not sent). */
    public boolean payloadStored() {
        return stage == Stage.NOTIFY;
    }

    /** The key of the stored payload, present only when the payload was stored. */
    public Optional<String> storedKey() {
        return payloadStored() ? Optional.of(key) : Optional.empty();
    }

    private static String message(Stage stage, String batchId, String bucket, String key, Throwable cause) {
        String what = stage == Stage.NOTIFY
                ? "payload stored at s3://" + bucket + "/" + key + " but publishing its pointer to SNS failed"
                : "storing the payload at s3://" + bucket + "/" + key + " failed; nothing was published";
        String why = cause == null ? "" : " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        return "batch " + batchId + ": " + what + why + "; retry publish with the same batch id and records";
    }
}
