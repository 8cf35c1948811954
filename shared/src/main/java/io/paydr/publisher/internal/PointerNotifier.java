package io.paydr.publisher.internal;

import io.paydr.contract.AttributeNames;
import io.paydr.contract.PayloadAttributes;
import io.paydr.contract.PayloadPointer;
import io.paydr.contract.PointerCodec;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Publishes the pointer message to SNS: the payload-offloading pointer body, our six String attributes and the
 * reserved Number attribute ExtendedPayloadSize; 7 attributes, under the 10 that raw delivery to SQS carries.
 */
public final class PointerNotifier {

    private final SnsClient sns;
    private final String topicArn;

    public PointerNotifier(SnsClient sns, String topicArn) {
        this.sns = sns;
        this.topicArn = topicArn;
    }

    /** @return the SNS message id */
    public String publish(PayloadPointer pointer, PayloadAttributes attributes) {
        return sns.publish(PublishRequest.builder()
                .topicArn(topicArn)
                .message(PointerCodec.write(pointer))
                .messageAttributes(messageAttributes(attributes))
                .build()).messageId();
    }

    static Map<String, MessageAttributeValue> messageAttributes(PayloadAttributes attributes) {
        Map<String, MessageAttributeValue> m = new LinkedHashMap<>();
        attributes.toStringAttributes().forEach((name, value) ->
                m.put(name, MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        attributes.payloadSize().ifPresent(size -> m.put(AttributeNames.EXTENDED_PAYLOAD_SIZE,
                MessageAttributeValue.builder().dataType("Number").stringValue(Long.toString(size)).build()));
        return m;
    }
}
