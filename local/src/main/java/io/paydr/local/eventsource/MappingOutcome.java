package io.paydr.local.eventsource;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the event source mapping does with a batch after the invocation returns, under
 * {@code FunctionResponseTypes: [ReportBatchItemFailures]}: it deletes every message not reported as
 * failed. As on AWS, a response that names an item not in the batch (or an empty identifier) fails the
 * whole batch, and a function error or timeout fails the whole batch.
 *
 * @param succeeded the records to delete from the queue
 * @param failed    the records left in the queue to reappear after the visibility timeout
 * @param reason    why the whole batch failed, or null when the function's answer was honoured
 */
public record MappingOutcome(List<SQSEvent.SQSMessage> succeeded, List<SQSEvent.SQSMessage> failed, String reason) {

    public static MappingOutcome of(List<SQSEvent.SQSMessage> batch, SQSBatchResponse response) {
        if (response == null || response.getBatchItemFailures() == null) {
            return new MappingOutcome(List.copyOf(batch), List.of(), null);
        }
        Set<String> inBatch = new HashSet<>();
        batch.forEach(r -> inBatch.add(r.getMessageId()));
        Set<String> failedIds = new HashSet<>();
        for (SQSBatchResponse.BatchItemFailure f : response.getBatchItemFailures()) {
            String id = f == null ? null : f.getItemIdentifier();
            if (id == null || id.isBlank() || !inBatch.contains(id)) {
                return wholeBatchFailed(batch, "batchItemFailures names an item not in the batch: '" + id + "'");
            }
            failedIds.add(id);
        }
        return new MappingOutcome(
                batch.stream().filter(r -> !failedIds.contains(r.getMessageId())).toList(),
                batch.stream().filter(r -> failedIds.contains(r.getMessageId())).toList(),
                null);
    }

    public static MappingOutcome wholeBatchFailed(List<SQSEvent.SQSMessage> batch, String reason) {
        return new MappingOutcome(List.of(), List.copyOf(batch), reason);
    }
}
