package io.paydr.local.eventsource;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paydr.sam.LambdaEventJson;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.util.Base64;
import java.util.List;

/**
 * Turns messages received from SQS into the SQS event Lambda hands the function, in two steps as on AWS: the
 * event's JSON, field by field as the service writes it ({@code eventSource} "aws:sqs", the queue ARN as
 * {@code eventSourceARN}, the Region, the system attributes by name (SentTimestamp, ApproximateReceiveCount, ...),
 * message attributes as {dataType, stringValue, binaryValue (base64), stringListValues: [], binaryListValues: []}),
 * then that JSON deserialised by the Lambda Java runtime's own serializer ({@link LambdaEventJson}).
 */
public final class LambdaSqsRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private LambdaSqsRecords() {
    }

    public static SQSEvent event(List<Message> messages, String queueArn, String regionId) {
        return LambdaEventJson.read(json(messages, queueArn, regionId), SQSEvent.class);
    }

    public static SQSEvent.SQSMessage record(Message m, String queueArn, String regionId) {
        return event(List.of(m), queueArn, regionId).getRecords().get(0);
    }

    /** The event's JSON as Lambda's SQS poller sends it to the function. */
    public static String json(List<Message> messages, String queueArn, String regionId) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message m : messages) {
            ObjectNode r = records.addObject();
            r.put("messageId", m.messageId());
            r.put("receiptHandle", m.receiptHandle());
            r.put("body", m.body());
            ObjectNode attributes = r.putObject("attributes");
            m.attributesAsStrings().forEach(attributes::put);
            ObjectNode messageAttributes = r.putObject("messageAttributes");
            m.messageAttributes().forEach((name, v) -> messageAttribute(messageAttributes.putObject(name), v));
            r.put("md5OfBody", m.md5OfBody());
            // Lambda sends no attributes digest (null) when a message has no attributes
            r.put("md5OfMessageAttributes", m.messageAttributes().isEmpty() ? null : m.md5OfMessageAttributes());
            r.put("eventSource", "aws:sqs");
            r.put("eventSourceARN", queueArn);
            r.put("awsRegion", regionId);
        }
        return event.toString();
    }

    private static void messageAttribute(ObjectNode a, MessageAttributeValue v) {
        if (v.stringValue() != null) {
            a.put("stringValue", v.stringValue());
        }
        if (v.binaryValue() != null) {
            a.put("binaryValue", base64(v.binaryValue()));
        }
        ArrayNode strings = a.putArray("stringListValues");
        v.stringListValues().forEach(strings::add);
        ArrayNode binaries = a.putArray("binaryListValues");
        v.binaryListValues().forEach(b -> binaries.add(base64(b)));
        a.put("dataType", v.dataType());
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
