package io.paydr.ingest.payload;

import io.paydr.ingest.load.StagedObject;
import java.util.Optional;

/**
 * A verified payload's records written for COPY: still in memory (one part or less, written to S3 only if the
 * payload is not in the ledger yet), or already in S3 (a larger payload, streamed there part by part while it was
 * verified, so its size never had to fit in memory).
 */
public record Staged(Optional<StagedRows> pending, Optional<StagedObject> uploaded) {
    public Staged {
        if (pending.isPresent() == uploaded.isPresent()) {
            throw new IllegalArgumentException("staged rows are either pending or uploaded");
        }
    }

    static Staged pending(StagedRows rows) {
        return new Staged(Optional.of(rows), Optional.empty());
    }

    static Staged uploaded(StagedObject object) {
        return new Staged(Optional.empty(), Optional.of(object));
    }
}
