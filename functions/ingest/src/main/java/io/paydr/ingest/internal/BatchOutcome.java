package io.paydr.ingest.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of processing one batch of messages: the disposition of every message (by message id, in arrival
 * order) and the figures that become metrics. {@code conflictingRecords} counts versions newly kept in a conflicts
 * table; {@code reusedPayloadKeys} counts payloads loaded under a key the ledger knows with other content.
 */
public record BatchOutcome(Map<String, Disposition> dispositions, long payloadsLoaded, long payloadsAlreadyLoaded,
                           long rowsInserted, long duplicateRowsSkipped, long conflictingRecords,
                           long reusedPayloadKeys, long replicaMisses, int transactions, long dataApiCalls,
                           long loadLatencyMillis, List<Long> ingestLagsMillis) {
    public BatchOutcome {
        dispositions = Collections.unmodifiableMap(new LinkedHashMap<>(dispositions));
        ingestLagsMillis = List.copyOf(ingestLagsMillis);
    }

    /** Message ids that must not be deleted: rejected ones and ones to retry. */
    public List<String> failedMessageIds() {
        return dispositions.entrySet().stream().filter(e -> !e.getValue().done()).map(Map.Entry::getKey).toList();
    }

    public long count(Disposition.Kind kind) {
        return dispositions.values().stream().filter(d -> d.kind() == kind).count();
    }
}
