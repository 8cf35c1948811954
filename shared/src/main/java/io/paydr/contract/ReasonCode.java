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
    PAYLOAD_TOO_LARGE
}
