package io.paydr.ingest.load;

import java.util.Objects;

/**
 * One ledger row: a loaded payload. The ledger is keyed by {@code payloadSha256}, the payload's identity (its
 * content); the key, bucket, batch id and message id are kept for audit. {@code bucket} is null for an inline
 * payload (its key is then {@code inline/<batchId>}); {@code messageId} may be null when a replay tool loads.
 */
public record LedgerEntry(String payloadSha256, String payloadKey, String bucket, String batchId, long rowCount,
                          String messageId) {
    public LedgerEntry {
        Objects.requireNonNull(payloadSha256, "payloadSha256");
        Objects.requireNonNull(payloadKey, "payloadKey");
        Objects.requireNonNull(batchId, "batchId");
        if (rowCount < 0) {
            throw new IllegalArgumentException("rowCount must not be negative");
        }
    }
}
