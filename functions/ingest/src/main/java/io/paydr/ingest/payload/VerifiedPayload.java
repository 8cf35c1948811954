package io.paydr.ingest.payload;

import io.paydr.contract.PaymentTransaction;
import io.paydr.ingest.load.LedgerEntry;
import io.paydr.ingest.load.LoadUnit;
import io.paydr.ingest.load.StagedObject;
import java.util.List;
import java.util.Optional;

/**
 * A payload whose bytes matched its message's payload_sha256 and whose records all decoded, validated and matched
 * record_count: its identity is that digest. Small payloads keep their rows (they load by INSERT); large ones keep
 * their records written for COPY ({@link Staged}): in S3 already, or pending until the payload is known to load.
 *
 * @param bucketRead the bucket actually read (this Region's replica or the source); empty for an inline payload
 */
public record VerifiedPayload(PayloadRequest request, Optional<String> bucketRead, List<PaymentTransaction> rows,
                              Optional<Staged> staged, long recordCount, boolean replicaMiss) {
    public VerifiedPayload {
        rows = List.copyOf(rows);
        if (staged.isEmpty() && rows.size() != recordCount) {
            throw new IllegalArgumentException("a payload that is not staged must carry its rows");
        }
    }

    /** The payload's identity: the SHA-256 of its stored bytes, verified. */
    public String identity() {
        return request.inbound().attributes().payloadSha256();
    }

    public boolean loadsByCopy() {
        return staged.isPresent();
    }

    /** The ledger row (the key and bucket are the message's, kept for audit; the identity is the content). */
    public LedgerEntry ledgerEntry() {
        return new LedgerEntry(identity(), request.payloadKey(), request.inbound().pointer().map(p -> p.bucket())
                .orElse(null), request.inbound().attributes().batchId(), recordCount, request.message().messageId());
    }

    /** The unit that loads this payload: its rows, or the staged object they were written to. */
    public LoadUnit toLoadUnit(Optional<StagedObject> stagedObject) {
        if (loadsByCopy()) {
            return LoadUnit.staged(request.table(), ledgerEntry(), stagedObject.orElseThrow(
                    () -> new IllegalStateException("a payload loading by COPY must be staged first")));
        }
        return LoadUnit.rows(request.table(), ledgerEntry(), rows);
    }
}
