package io.paydr.ingest.internal;

import io.paydr.aws.Deadline;
import io.paydr.ingest.payload.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Receives a backlog from a queue and deletes what was committed. Received messages stay invisible for the whole
 * remaining budget, so no other consumer loads them meanwhile; what is not deleted becomes visible again afterwards.
 */
public final class QueueDrain {
    private static final int SQS_BATCH = 10;
    /** Long-poll this long: an empty answer then means the queue is empty, not that a short poll missed it. */
    private static final int WAIT_SECONDS = 1;

    private final SqsClient sqs;
    private final String queueUrl;

    public record Received(List<ReceivedMessage> messages, boolean queueEmpty) {
    }

    public QueueDrain(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Receives until the queue is empty, {@code max} messages are in hand, or half the budget is spent. */
    public Received receive(int max, Deadline deadline) {
        Duration receiveBudget = deadline.remaining().dividedBy(2);
        Deadline stopReceiving = Deadline.after(receiveBudget);
        int visibilitySeconds = (int) Math.min(43_200, deadline.remaining().toSeconds() + 60);
        Map<String, ReceivedMessage> received = new LinkedHashMap<>();
        boolean empty = false;
        while (received.size() < max && !stopReceiving.isExpired()) {
            int batch = Math.min(SQS_BATCH, max - received.size());
            ReceiveMessageResponse response = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(batch)
                    .waitTimeSeconds(WAIT_SECONDS).visibilityTimeout(visibilitySeconds).messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP));
            if (response.messages().isEmpty()) {
                empty = true;
                break;
            }
            // The same message can arrive twice (at-least-once); the later receipt handle is the valid one.
            response.messages().forEach(m -> received.put(m.messageId(), ReceivedMessage.fromSqs(m)));
        }
        return new Received(List.copyOf(received.values()), empty);
    }

    /** Deletes the messages in batches of ten; returns how many SQS confirmed. Failures are logged, not thrown. */
    public int delete(List<ReceivedMessage> messages) {
        int deleted = 0;
        for (int from = 0; from < messages.size(); from += SQS_BATCH) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            List<ReceivedMessage> chunk = messages.subList(from, Math.min(messages.size(), from + SQS_BATCH));
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(chunk.get(i).receiptHandle()).build());
            }
            try {
                DeleteMessageBatchResponse response = sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
                deleted += response.successful().size();
                response.failed().forEach(f -> JsonLog.warn("delete_failed", Map.of("id", f.id(),
                        "code", String.valueOf(f.code()))));
            } catch (SdkException e) {
                // The payloads are committed and in the ledger: redelivered messages will be acknowledged unloaded.
                JsonLog.warn("delete_failed", Map.of("messages", chunk.size(), "error", SafeText.of(e.getMessage())));
            }
        }
        return deleted;
    }
}
