package io.paydr.contract;

/** Message attribute names and fixed values of the v1 contract (docs/architecture.md section 2). */
public final class AttributeNames {
    public static final String DATASET = "dataset";
    public static final String SCHEMA_VERSION = "schema_version";
    public static final String RECORD_COUNT = "record_count";
    public static final String PAYLOAD_SHA256 = "payload_sha256";
    public static final String BATCH_ID = "batch_id";
    public static final String CONTENT_ENCODING = "content_encoding";
    /** Reserved Number attribute written by payload-offloading (SNS extended client): payload bytes. */
    public static final String EXTENDED_PAYLOAD_SIZE = "ExtendedPayloadSize";
    /** Legacy name of the same attribute, still sent by the SQS extended client unless disabled. */
    public static final String LEGACY_PAYLOAD_SIZE = "SQSLargePayloadSize";

    public static final String DATASET_PAYMENTS = "payments";
    public static final String SCHEMA_V1 = "1";

    private AttributeNames() {
    }
}
