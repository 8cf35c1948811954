package io.paydr.ingest.payload;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * One SQS message as the pipeline sees it, whether Lambda delivered it (event mode) or the drain received it:
 * String and Number attributes as strings, the SentTimestamp (for the ingest lag), the receipt handle.
 */
public record ReceivedMessage(String messageId, String body, Map<String, String> attributes, Optional<Instant> sentAt,
                              String receiptHandle) {
    public ReceivedMessage {
        attributes = Map.copyOf(attributes);
    }

    public static ReceivedMessage fromLambda(SQSEvent.SQSMessage message) {
        Map<String, String> attributes = new HashMap<>();
        if (message.getMessageAttributes() != null) {
            message.getMessageAttributes().forEach((name, value) -> {
                if (value != null && value.getStringValue() != null && isTextual(value.getDataType())) {
                    attributes.put(name, value.getStringValue());
                }
            });
        }
        return new ReceivedMessage(message.getMessageId(), message.getBody(), attributes,
                sentAt(message.getAttributes() == null ? null : message.getAttributes().get("SentTimestamp")),
                message.getReceiptHandle());
    }

    public static ReceivedMessage fromSqs(Message message) {
        Map<String, String> attributes = new HashMap<>();
        message.messageAttributes().forEach((name, value) -> {
            if (value != null && value.stringValue() != null && isTextual(value.dataType())) {
                attributes.put(name, value.stringValue());
            }
        });
        return new ReceivedMessage(message.messageId(), message.body(), attributes,
                sentAt(message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP)), message.receiptHandle());
    }

    /** String and Number attributes (also custom types such as {@code Number.int}); Binary ones are not ours. */
    private static boolean isTextual(String dataType) {
        return dataType != null && (dataType.startsWith("String") || dataType.startsWith("Number"));
    }

    private static Optional<Instant> sentAt(String epochMillis) {
        try {
            return Optional.ofNullable(epochMillis).map(Long::parseLong).map(Instant::ofEpochMilli);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
