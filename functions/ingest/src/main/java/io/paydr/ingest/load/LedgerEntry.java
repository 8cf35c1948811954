package io.paydr.ingest.load;

import java.util.Objects;

/**
 * One ledger row: the payload that was loaded. {@code payloadKey} identifies the payload across Regions and
 * retries (the S3 object key, which is the same in the source and the replica bucket, or {@code inline/<batchId>});
 * {@code messageId} is the SQS message that delivered it (for tracing; may be null when loaded by replay tools).
 */
public record LedgerEntry(String payloadKey, String batchId, String payloadSha256, long rowCount, String messageId) {
    public LedgerEntry {
        Objects.requireNonNull(payloadKey, "payloadKey");
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(payloadSha256, "payloadSha256");
        if (rowCount < 0) {
            throw new IllegalArgumentException("rowCount must not be negative");
        }
    }
}
