package io.paydr.publisher;

/**
 * The batch id already names other records: it was published before (in any encoding, in any hour) with different
 * content. Nothing was written or published, and the stored objects are unchanged. {@link #key()} is the payload key
 * the batch id stands for (or, when the object at the batch id's claim key is not a claim, that key). Publish new
 * records under a new batch id; retrying this call fails the same way.
 */
public final class BatchIdConflictException extends PublishException {

    public BatchIdConflictException(String batchId, String bucket, String key, Throwable cause) {
        this(batchId, bucket, key, "s3://" + bucket + "/" + key + " already holds a payload with other records",
                cause);
    }

    /** @param why what is already stored under the batch id, naming the objects (never their contents) */
    public BatchIdConflictException(String batchId, String bucket, String key, String why, Throwable cause) {
        super(Stage.STORE_PAYLOAD, batchId, bucket, key, "batch " + batchId + ": " + why + "; a batch id names one"
                + " set of records, so publish other records under a new batch id (nothing was written or published)",
                cause);
    }
}
