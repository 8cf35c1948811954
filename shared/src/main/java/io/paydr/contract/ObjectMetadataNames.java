package io.paydr.contract;

/**
 * S3 user-metadata keys the publisher writes on every payload object (docs/architecture.md section 2), so that {@code replay}
 * can rebuild the message attributes from the object alone.
 */
public final class ObjectMetadataNames {
    public static final String RECORD_COUNT = "record-count";
    public static final String SCHEMA_VERSION = "schema-version";
    public static final String DATASET = "dataset";
    public static final String BATCH_ID = "batch-id";
    public static final String PAYLOAD_SHA256 = "payload-sha256";
    /**
     * Lowercase hex SHA-256 of the uncompressed JSON Lines, the same for either encoding: what tells a retry of a
     * batch (same records) from a reused batch id (other records) when the stored object's encoding differs.
     */
    public static final String RECORDS_SHA256 = "records-sha256";

    private ObjectMetadataNames() {
    }
}
