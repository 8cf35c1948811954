package io.paydr.ops.internal;

import io.paydr.ops.RedriveResult.MovedMessage;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class DlqMessagesTest {

    private static final String POINTER = "[\"com.amazon.sqs.javamessaging.MessageS3Pointer\","
            + "{\"s3BucketName\":\"b\",\"s3Key\":\"payments/v1/dt=2026-11-25/hh=16/x.jsonl\"}]";
    private static final Map<String, MessageAttributeValue> ATTRIBUTES = Map.of(
            "batch_id", MessageAttributeValue.builder().dataType("String").stringValue("x").build(),
            "SQSLargePayloadSize", MessageAttributeValue.builder().dataType("Number").stringValue("12").build(),
            "blob", MessageAttributeValue.builder().dataType("Binary.raw")
                    .binaryValue(SdkBytes.fromUtf8String("abc")).build());

    @Test
    void resendKeepsBodyAndEveryAttributeWithItsType() {
        Message m = Message.builder().messageId("m1").body(POINTER).messageAttributes(ATTRIBUTES).build();
        SendMessageBatchRequestEntry e = DlqMessages.resend("3", m);
        assertEquals("3", e.id());
        assertEquals(POINTER, e.messageBody());
        assertEquals(ATTRIBUTES, e.messageAttributes());
        assertNull(e.messageGroupId());
    }

    @Test
    void fifoMessagesKeepTheirGroupAndDeduplicationId() {
        Message m = Message.builder().messageId("m1").body("x").attributes(Map.of(
                MessageSystemAttributeName.MESSAGE_GROUP_ID, "g", MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID,
                "d")).build();
        SendMessageBatchRequestEntry e = DlqMessages.resend("0", m);
        assertEquals("g", e.messageGroupId());
        assertEquals("d", e.messageDeduplicationId());
    }

    @Test
    void descriptionNamesThePointerButNeverShowsAnInlineBody() {
        MovedMessage pointer = DlqMessages.describe(Message.builder().messageId("m1").body(POINTER)
                .messageAttributes(ATTRIBUTES).attributes(Map.of(
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "5")).build(), null);
        assertEquals("s3://b/payments/v1/dt=2026-11-25/hh=16/x.jsonl", pointer.pointerKey());
        assertEquals("5", pointer.receiveCount());
        assertEquals("<Binary.raw, 3 bytes>", pointer.attributes().get("blob"));
        String secret = "{\"transaction_id\":\"t-1\",\"amount_minor\":999}";
        MovedMessage inline = DlqMessages.describe(Message.builder().messageId("m2").body(secret).build(), "n2");
        assertNull(inline.pointerKey());
        assertEquals(secret.length(), inline.bodyBytes());
        assertFalse(inline.toString().contains("t-1"), inline.toString());
    }
}
