package io.paydr.local.eventsource;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns messages received from SQS into the records Lambda puts in an SQS event, field by field as the
 * service does: {@code eventSource} "aws:sqs", the queue ARN, the Region, the system attributes by name
 * (SentTimestamp, ApproximateReceiveCount, ...) and message attributes as {dataType, stringValue,
 * binaryValue, stringListValues: [], binaryListValues: []}.
 */
public final class LambdaSqsRecords {

    private LambdaSqsRecords() {
    }

    public static SQSEvent event(List<Message> messages, String queueArn, String regionId) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>(messages.size());
        for (Message m : messages) {
            records.add(record(m, queueArn, regionId));
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    public static SQSEvent.SQSMessage record(Message m, String queueArn, String regionId) {
        SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
        r.setMessageId(m.messageId());
        r.setReceiptHandle(m.receiptHandle());
        r.setBody(m.body());
        r.setAttributes(new LinkedHashMap<>(m.attributesAsStrings()));
        r.setMessageAttributes(messageAttributes(m.messageAttributes()));
        r.setMd5OfBody(m.md5OfBody());
        // Lambda omits the attributes digest (null) when a message has no attributes
        r.setMd5OfMessageAttributes(m.messageAttributes().isEmpty() ? null : m.md5OfMessageAttributes());
        r.setEventSource("aws:sqs");
        r.setEventSourceArn(queueArn);
        r.setAwsRegion(regionId);
        return r;
    }

    private static Map<String, SQSEvent.MessageAttribute> messageAttributes(Map<String, MessageAttributeValue> in) {
        Map<String, SQSEvent.MessageAttribute> out = new LinkedHashMap<>();
        in.forEach((name, v) -> {
            SQSEvent.MessageAttribute a = new SQSEvent.MessageAttribute();
            a.setDataType(v.dataType());
            a.setStringValue(v.stringValue());
            if (v.binaryValue() != null) {
                a.setBinaryValue(ByteBuffer.wrap(v.binaryValue().asByteArray()));
            }
            a.setStringListValues(new ArrayList<>(v.stringListValues()));
            a.setBinaryListValues(new ArrayList<>(v.binaryListValues().stream()
                    .map(b -> ByteBuffer.wrap(b.asByteArray())).toList()));
            out.put(name, a);
        });
        return out;
    }
}
