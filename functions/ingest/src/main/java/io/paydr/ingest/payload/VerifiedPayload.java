package io.paydr.ingest.payload;

import io.paydr.contract.PaymentTransaction;
import io.paydr.ingest.load.CopyCommand;
import io.paydr.ingest.load.LedgerEntry;
import io.paydr.ingest.load.LoadUnit;
import java.util.List;
import java.util.Optional;

/**
 * A payload whose bytes matched payload_sha256 and whose records all decoded, validated and matched record_count.
 * Small payloads keep their rows (they load by INSERT); large ones keep only their S3 location (they load by COPY).
 */
public record VerifiedPayload(PayloadRequest request, Optional<S3Location> location, List<PaymentTransaction> rows,
                              long recordCount, boolean replicaMiss) {
    public VerifiedPayload {
        rows = List.copyOf(rows);
        if (location.isEmpty() && rows.size() != recordCount) {
            throw new IllegalArgumentException("a payload without an S3 location must carry its rows");
        }
    }

    public boolean loadsByCopy() {
        return rows.isEmpty() && location.isPresent();
    }

    public LedgerEntry ledgerEntry() {
        return new LedgerEntry(request.payloadKey(), request.inbound().attributes().batchId(),
                request.inbound().attributes().payloadSha256(), recordCount, request.message().messageId());
    }

    /** The unit that loads this payload alone: one COPY of its object, or its rows. */
    public LoadUnit toLoadUnit() {
        if (loadsByCopy()) {
            S3Location s3 = location.get();
            return LoadUnit.copy(request.table(), CopyCommand.object(s3.bucket(), s3.key(), s3.gzip(), s3.copyRegion()),
                    ledgerEntry());
        }
        return LoadUnit.rows(request.table(), rows, ledgerEntry());
    }
}
