package io.paydr.publisher;

/**
 * The payload key of a batch already holds different content: the batch id was reused for other records (or the
 * same records were encoded differently, e.g. gzip by another zlib build). Nothing was written or published, and
 * the stored object is unchanged. Publish new records under a new batch id; retrying this call fails the same way.
 */
public final class BatchIdConflictException extends PublishException {

    public BatchIdConflictException(String batchId, String bucket, String key, Throwable cause) {
        super(Stage.STORE_PAYLOAD, batchId, bucket, key, "batch " + batchId + ": s3://" + bucket + "/" + key
                + " already holds a payload with a different SHA-256; a batch id names one set of records, so"
                + " publish other records under a new batch id (nothing was overwritten or published)", cause);
    }
}
