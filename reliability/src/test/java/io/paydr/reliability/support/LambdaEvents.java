package io.paydr.reliability.support;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** SQS events in the shape Lambda's event source mapping delivers them (String and Number message attributes). */
public final class LambdaEvents {
    private static final String QUEUE_ARN = "arn:aws:sqs:us-east-1:000000000000:paydr-reliability";

    private LambdaEvents() {
    }

    /** The message the publisher's SNS raw delivery produces for a stored payload. */
    public static SQSEvent.SQSMessage pointerMessage(String messageId, StoredPayload payload) {
        return message(messageId, payload.pointerBody(), payload.attributes());
    }

    /** A message with any body and String attributes (ExtendedPayloadSize / SQSLargePayloadSize as Number). */
    public static SQSEvent.SQSMessage message(String messageId, String body, Map<String, String> attributes) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(messageId);
        m.setReceiptHandle("receipt-" + messageId);
        m.setBody(body);
        m.setEventSource("aws:sqs");
        m.setEventSourceArn(QUEUE_ARN);
        m.setAwsRegion("us-east-1");
        m.setAttributes(Map.of("SentTimestamp", Long.toString(System.currentTimeMillis()),
                "ApproximateReceiveCount", "1"));
        Map<String, SQSEvent.MessageAttribute> sqsAttributes = new LinkedHashMap<>();
        attributes.forEach((name, value) -> {
            SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
            a.setDataType(name.equals("ExtendedPayloadSize") || name.equals("SQSLargePayloadSize") ? "Number" : "String");
            a.setStringValue(value);
            sqsAttributes.put(name, a);
        });
        m.setMessageAttributes(sqsAttributes);
        return m;
    }

    public static SQSEvent event(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(messages));
        return event;
    }

    /** The message ids the function asked to keep in the queue. */
    public static List<String> failures(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }
}
