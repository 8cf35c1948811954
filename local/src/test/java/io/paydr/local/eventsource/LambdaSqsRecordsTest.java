package io.paydr.local.eventsource;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class LambdaSqsRecordsTest {

    private static final String ARN = "arn:aws:sqs:us-east-1:000000000000:paydr-ingest";

    @Test
    void mapsEveryFieldIntoLambdasShape() {
        Message m = Message.builder().messageId("m-1").receiptHandle("rh").body("{\"x\":1}")
                .md5OfBody("b5").md5OfMessageAttributes("a5")
                .attributes(Map.of(MessageSystemAttributeName.SENT_TIMESTAMP, "1764092295123",
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2"))
                .messageAttributes(Map.of(
                        "record_count", MessageAttributeValue.builder().dataType("String").stringValue("3").build(),
                        "ExtendedPayloadSize", MessageAttributeValue.builder().dataType("Number").stringValue("512").build(),
                        "blob", MessageAttributeValue.builder().dataType("Binary")
                                .binaryValue(SdkBytes.fromByteArray(new byte[] {1, 2})).build()))
                .build();

        SQSEvent event = LambdaSqsRecords.event(List.of(m), ARN, "us-east-1");
        SQSEvent.SQSMessage r = event.getRecords().get(0);

        assertEquals("m-1", r.getMessageId());
        assertEquals("rh", r.getReceiptHandle());
        assertEquals("{\"x\":1}", r.getBody());
        assertEquals("b5", r.getMd5OfBody());
        assertEquals("a5", r.getMd5OfMessageAttributes());
        assertEquals("aws:sqs", r.getEventSource());
        assertEquals(ARN, r.getEventSourceArn());
        assertEquals("us-east-1", r.getAwsRegion());
        assertEquals("1764092295123", r.getAttributes().get("SentTimestamp"));
        assertEquals("2", r.getAttributes().get("ApproximateReceiveCount"));
        SQSEvent.MessageAttribute count = r.getMessageAttributes().get("record_count");
        assertEquals("String", count.getDataType());
        assertEquals("3", count.getStringValue());
        assertEquals(List.of(), count.getStringListValues());
        assertEquals(List.of(), count.getBinaryListValues());
        assertEquals("Number", r.getMessageAttributes().get("ExtendedPayloadSize").getDataType());
        SQSEvent.MessageAttribute blob = r.getMessageAttributes().get("blob");
        byte[] bytes = new byte[blob.getBinaryValue().remaining()];
        blob.getBinaryValue().get(bytes);
        assertArrayEquals(new byte[] {1, 2}, bytes);
        assertNull(blob.getStringValue());
    }

    @Test
    void noMessageAttributesMeansNoAttributesDigest() {
        Message m = Message.builder().messageId("m-2").body("b").md5OfMessageAttributes("ignored").build();
        SQSEvent.SQSMessage r = LambdaSqsRecords.record(m, ARN, "us-west-2");
        assertEquals(Map.of(), r.getMessageAttributes());
        assertNull(r.getMd5OfMessageAttributes());
    }
}
