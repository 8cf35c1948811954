package io.paydr.ingest.internal;

import io.paydr.contract.InboundMessage;
import io.paydr.contract.MessageRejectedException;
import io.paydr.contract.ReasonCode;
import io.paydr.aws.DataApiException;
import io.paydr.ingest.load.LoadResult;
import io.paydr.ingest.load.LoadUnit;
import io.paydr.ingest.payload.PayloadRequest;
import io.paydr.ingest.payload.ReceivedMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mutable state of one batch while it is processed: each message's disposition, and the figures. */
final class BatchState {
    private final Map<String, Disposition> dispositions = new LinkedHashMap<>();
    private final Clock clock;
    private final long apiCallsBefore;
    private final List<Long> ingestLags = new ArrayList<>();
    private long payloadsLoaded;
    private long payloadsAlreadyLoaded;
    private long rowsInserted;
    private long duplicateRowsSkipped;
    private long conflictingRecords;
    private long reusedPayloadKeys;
    long replicaMisses;
    long loadLatencyMillis;
    private int transactions;

    BatchState(List<ReceivedMessage> received, long apiCallsBefore, Clock clock) {
        this.apiCallsBefore = apiCallsBefore;
        this.clock = clock;
        for (ReceivedMessage m : received) {
            dispositions.put(m.messageId(), Disposition.retry("not processed"));
        }
    }

    /**
     * Rejects the messages for good. The log names the object the message points to, when it parsed that far
     * (never the payload's contents), so an operator can find it.
     */
    void reject(List<ReceivedMessage> rejected, MessageRejectedException e, InboundMessage inbound) {
        for (ReceivedMessage m : rejected) {
            dispositions.put(m.messageId(), Disposition.rejected(e.reason(), e.detail()));
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("messageId", m.messageId());
            fields.put("reason", e.reason().name());
            fields.put("detail", SafeText.of(e.detail()));
            if (inbound != null) {
                inbound.pointer().ifPresent(p -> {
                    fields.put("bucket", SafeText.of(p.bucket()));
                    fields.put("key", SafeText.of(p.key()));
                });
                fields.put("batchId", SafeText.of(inbound.attributes().batchId()));
            }
            JsonLog.warn("message_rejected", fields);
        }
    }

    void retry(List<PayloadRequest> requests, String why) {
        String detail = SafeText.of(why);
        for (PayloadRequest r : requests) {
            dispositions.put(r.message().messageId(), Disposition.retry(detail));
            JsonLog.warn("message_retry", Map.of("messageId", r.message().messageId(),
                    "payloadKey", r.payloadKey(), "detail", detail));
        }
    }

    void alreadyLoaded(List<PayloadRequest> requests) {
        payloadsAlreadyLoaded++;
        requests.forEach(r -> dispositions.put(r.message().messageId(), Disposition.alreadyLoaded()));
    }

    void reusedKey() {
        reusedPayloadKeys++;
    }

    /** Applies a load result: committed payloads' messages are done, failed ones retry with the reason. */
    void record(LoadResult result, Map<String, List<PayloadRequest>> requestsByIdentity) {
        transactions += result.transactions();
        rowsInserted += result.rowsInserted();
        duplicateRowsSkipped += result.duplicateRowsSkipped();
        conflictingRecords += result.conflictsRecorded();
        long now = clock.millis();
        for (LoadUnit unit : result.committed()) {
            if (result.loadedBefore(unit)) {
                // its transaction found it in the ledger: the merge changed nothing, the ledger kept its first row
                alreadyLoaded(requestsByIdentity.get(unit.identity()));
                continue;
            }
            payloadsLoaded++;
            for (PayloadRequest r : requestsByIdentity.get(unit.identity())) {
                dispositions.put(r.message().messageId(), Disposition.loaded());
                r.message().sentAt().ifPresent(sent -> ingestLags.add(Math.max(0, now - sent.toEpochMilli())));
            }
        }
        for (LoadResult.Failure failure : result.failed()) {
            List<PayloadRequest> requests = requestsByIdentity.get(failure.unit().identity());
            if (failure.stagedRowsDiffer()) {
                retry(requests, "staged rows differ from the verified payload (a staged object changed before COPY);"
                        + " the load rolled back and the payload is verified again on retry");
            } else if (failure.error().kind() == DataApiException.Kind.STATEMENT_FAILED) {
                // bisection ran it alone: the warehouse refuses this payload's data, a retry cannot change that
                MessageRejectedException refused = new MessageRejectedException(ReasonCode.WAREHOUSE_REJECTED,
                        "the warehouse refused the payload: " + SafeText.of(failure.error().getMessage()));
                requests.forEach(r -> reject(List.of(r.message()), refused, r.inbound()));
            } else {
                retry(requests, "load failed (" + failure.error().kind() + "): " + failure.error().getMessage());
            }
        }
    }

    BatchOutcome outcome(long apiCallsNow) {
        return new BatchOutcome(dispositions, payloadsLoaded, payloadsAlreadyLoaded, rowsInserted,
                duplicateRowsSkipped, conflictingRecords, reusedPayloadKeys, replicaMisses, transactions,
                apiCallsNow - apiCallsBefore, loadLatencyMillis, ingestLags);
    }
}
