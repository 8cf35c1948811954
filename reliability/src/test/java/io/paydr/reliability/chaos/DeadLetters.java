package io.paydr.reliability.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** Reads a dead-letter queue without deleting anything (messages stay hidden for a minute, then return). */
final class DeadLetters {
    private DeadLetters() {
    }

    /** Receives until {@code atLeast} distinct messages were seen or the queue answers empty three times. */
    static List<Message> receiveAll(SqsClient sqs, String queueUrl, int atLeast) {
        Map<String, Message> seen = new LinkedHashMap<>();
        int emptyAnswers = 0;
        while (emptyAnswers < 3) {
            List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(60).waitTimeSeconds(1).messageAttributeNames("All")).messages();
            batch.forEach(m -> seen.putIfAbsent(m.messageId(), m));
            emptyAnswers = batch.isEmpty() ? emptyAnswers + 1 : emptyAnswers;
            if (batch.isEmpty() && seen.size() >= atLeast) {
                break;
            }
        }
        return new ArrayList<>(seen.values());
    }

    /** batch_id attribute and body: what identifies a planted message. */
    static String identity(Message m) {
        MessageAttributeValue batch = m.messageAttributes().get("batch_id");
        return (batch == null ? "(no batch_id)" : batch.stringValue()) + " " + m.body();
    }
}
