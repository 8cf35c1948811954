package io.paydr.contract;

/** The vocabulary of permanent rejections of a message or payload; consumers log and count these. */
public enum ReasonCode {
    MALFORMED_MESSAGE,
    MALFORMED_POINTER,
    UNKNOWN_POINTER_CLASS,
    MALFORMED_ENVELOPE,
    MISSING_ATTRIBUTE,
    BAD_ATTRIBUTE,
    UNKNOWN_DATASET,
    UNSUPPORTED_SCHEMA_VERSION,
    BUCKET_NOT_ALLOWED,
    BAD_KEY,
    MISSING_OBJECT,
    EMPTY_PAYLOAD,
    MALFORMED_PAYLOAD,
    SCHEMA_VIOLATION,
    CHECKSUM_MISMATCH,
    RECORD_COUNT_MISMATCH,
    PAYLOAD_TOO_LARGE,
    /** The payload decodes to more bytes than the consumer's bound (MAX_DECODED_PAYLOAD_BYTES). */
    DECODED_PAYLOAD_TOO_LARGE,
    /** The payload decodes to far more bytes than it stores (a gzip bomb): MAX_COMPRESSION_RATIO. */
    SUSPICIOUS_COMPRESSION_RATIO,
    /** One line is larger than Redshift's limit for a JSON object in a COPY source (4 MB). */
    RECORD_TOO_LARGE,
    /** The declared payload size (ExtendedPayloadSize or SQSLargePayloadSize) is not the object's size. */
    SIZE_MISMATCH,
    /** The object key is outside the dataset's prefix ({@code <dataset>/}). */
    KEY_OUTSIDE_DATASET_PREFIX,
    /** batch_id is not the key's file name ({@code <batch_id>.jsonl[.gz]}). */
    BATCH_ID_MISMATCH,
    /** The warehouse refused the payload's data (found by bisection): no retry can load it as it is. */
    WAREHOUSE_REJECTED
}
