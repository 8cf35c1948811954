package io.paydr.ops.internal;

import io.paydr.contract.MessageRejectedException;
import io.paydr.contract.PayloadPointer;
import io.paydr.contract.PointerCodec;
import io.paydr.ops.RedriveResult.MovedMessage;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/** Copies a DLQ message for sending back, and describes it without its body. */
public final class DlqMessages {

    private DlqMessages() {
    }

    /** Same body, same message attributes (types included); FIFO group and deduplication ids kept when present. */
    public static SendMessageBatchRequestEntry resend(String id, Message m) {
        SendMessageBatchRequestEntry.Builder b = SendMessageBatchRequestEntry.builder().id(id).messageBody(m.body())
                .messageAttributes(m.messageAttributes());
        String group = m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
        if (group != null) {
            b.messageGroupId(group);
            b.messageDeduplicationId(m.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID));
        }
        return b.build();
    }

    public static MovedMessage describe(Message m, String newMessageId) {
        Map<String, String> attributes = new TreeMap<>();
        m.messageAttributes().forEach((name, value) -> attributes.put(name, render(value)));
        return new MovedMessage(m.messageId(), attributes, m.body().getBytes(StandardCharsets.UTF_8).length,
                pointerKey(m.body()), m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT),
                newMessageId);
    }

    private static String render(MessageAttributeValue v) {
        if (v.stringValue() != null) {
            return v.stringValue();
        }
        return v.binaryValue() == null ? "" : "<" + v.dataType() + ", " + v.binaryValue().asByteArray().length
                + " bytes>";
    }

    /** The payload location of a pointer body; null for anything else (whose content is never shown). */
    static String pointerKey(String body) {
        if (!PointerCodec.looksLikePointer(body)) {
            return null;
        }
        try {
            PayloadPointer p = PointerCodec.parse(body);
            return "s3://" + p.bucket() + "/" + p.key();
        } catch (MessageRejectedException e) {
            return null;
        }
    }
}
