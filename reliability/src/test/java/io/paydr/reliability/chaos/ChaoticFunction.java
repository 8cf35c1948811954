package io.paydr.reliability.chaos;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wraps the real ingest handler the way a crashing Lambda runtime would: while crashes are enabled, a seeded share of
 * invocations lose the handler's answer after it returned (the load is committed, the runtime dies before the event
 * source deletes the messages), so the whole batch comes back after the visibility timeout. A message is crashed at
 * most once, so a good message cannot be driven into the DLQ by crashes alone. Also records which SQS message ids
 * carried each payload (batch_id), to count duplicate deliveries.
 */
final class ChaoticFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final RequestHandler<SQSEvent, SQSBatchResponse> function;
    private final Random random;
    private final double crashShare;
    private final Set<String> crashedMessages = new HashSet<>();
    private final Map<String, Set<String>> messageIdsByBatch = new ConcurrentHashMap<>();
    private final AtomicLong crashedInvocations = new AtomicLong();
    private volatile boolean crashing;

    ChaoticFunction(RequestHandler<SQSEvent, SQSBatchResponse> function, long seed, double crashShare) {
        this.function = function;
        this.random = new Random(seed);
        this.crashShare = crashShare;
    }

    void crashes(boolean enabled) {
        crashing = enabled;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        event.getRecords().forEach(m -> {
            SQSEvent.MessageAttribute batch = m.getMessageAttributes().get("batch_id");
            String batchId = batch == null ? "(none)" : batch.getStringValue();
            messageIdsByBatch.computeIfAbsent(batchId, k -> ConcurrentHashMap.newKeySet()).add(m.getMessageId());
        });
        SQSBatchResponse response = function.handleRequest(event, context);
        if (crashNow(event)) {
            crashedInvocations.incrementAndGet();
            throw new IllegalStateException("chaos: runtime crashed after the handler returned, before the delete");
        }
        return response;
    }

    private synchronized boolean crashNow(SQSEvent event) {
        if (!crashing || random.nextDouble() >= crashShare) {
            return false;
        }
        Set<String> ids = new HashSet<>();
        event.getRecords().forEach(m -> ids.add(m.getMessageId()));
        if (ids.stream().anyMatch(crashedMessages::contains)) {
            return false;
        }
        crashedMessages.addAll(ids);
        return true;
    }

    long crashedInvocations() {
        return crashedInvocations.get();
    }

    synchronized long crashedMessages() {
        return crashedMessages.size();
    }

    /** Extra SQS messages that carried an already delivered payload (SNS duplicate deliveries). */
    long duplicateDeliveries() {
        return messageIdsByBatch.values().stream().mapToLong(ids -> ids.size() - 1).sum();
    }
}
