package io.paydr.ops.internal;

import io.paydr.contract.AttributeNames;
import io.paydr.contract.PayloadPointer;
import io.paydr.contract.PointerCodec;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.LinkedHashMap;
import java.util.Map;

/** The pointer message of docs/architecture.md section 2, exactly as the publisher's SNS raw delivery leaves it in SQS. */
public final class PointerMessages {

    private PointerMessages() {
    }

    public static String body(PayloadObject o) {
        return PointerCodec.write(new PayloadPointer(o.bucket(), o.key()));
    }

    /** Own String attributes plus the reserved Number attribute ExtendedPayloadSize: 7, under SNS's limit of 10. */
    public static Map<String, MessageAttributeValue> attributes(PayloadObject o) {
        Map<String, MessageAttributeValue> m = new LinkedHashMap<>();
        o.attributes().toStringAttributes().forEach((name, value) ->
                m.put(name, MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        m.put(AttributeNames.EXTENDED_PAYLOAD_SIZE,
                MessageAttributeValue.builder().dataType("Number").stringValue(Long.toString(o.size())).build());
        return m;
    }

    public static SendMessageBatchRequestEntry entry(String id, PayloadObject o) {
        return SendMessageBatchRequestEntry.builder().id(id).messageBody(body(o)).messageAttributes(attributes(o))
                .build();
    }
}
