package io.paydr.devstack.sns.internal;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.faults.Faults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns a notification into one delivery per subscription: the raw message with its attributes as SQS message
 * attributes, or the SNS JSON envelope without SQS attributes. Deliveries are attempted synchronously within
 * the Publish call, so a test can receive right after publishing; the publisher never sees delivery failures
 * (on AWS, Publish succeeds independently of delivery).
 */
public final class Fanout implements AutoCloseable {

    /** SQS takes at most 10 message attributes; AWS drops raw deliveries that carry more. */
    static final int MAX_RAW_ATTRIBUTES = 10;

    private static final Logger LOG = LoggerFactory.getLogger(Fanout.class);

    private final Faults faults;
    private final QueueDeliveries deliveries;
    private final Envelope envelope = new Envelope();

    public Fanout(Faults faults, Function<DevRegion, SqsClient> sqsClients) {
        this.faults = faults;
        this.deliveries = new QueueDeliveries(faults, sqsClients);
    }

    public void deliver(Notification notification, List<Subscription> subscriptions) {
        String signature = null;
        for (Subscription subscription : subscriptions) {
            if (subscription.rawMessageDelivery()) {
                deliverRaw(notification, subscription);
            } else {
                if (signature == null) {
                    signature = envelope.sign(notification);
                }
                send(notification, subscription, envelope.render(notification, signature, subscription.arn()), Map.of());
            }
        }
    }

    private void deliverRaw(Notification notification, Subscription subscription) {
        List<MessageAttribute> attributes = notification.publication().attributes();
        if (attributes.size() > MAX_RAW_ATTRIBUTES) {
            LOG.warn("SNS message {} not delivered to {}: raw delivery carries at most {} message attributes, it has {} "
                            + "(AWS drops such deliveries too)", notification.messageId(), subscription.queue().arn(),
                    MAX_RAW_ATTRIBUTES, attributes.size());
            return;
        }
        send(notification, subscription, notification.publication().message(), sqsAttributes(attributes));
    }

    /** The duplicate-delivery fault belongs to the topic's Region: that SNS is the one delivering twice. */
    private void send(Notification notification, Subscription subscription, String body,
                      Map<String, MessageAttributeValue> attributes) {
        int copies = faults.duplicateDelivery(notification.topic().region()) ? 2 : 1;
        for (int i = 0; i < copies; i++) {
            deliveries.deliver(new QueueDeliveries.Delivery(notification.messageId(), subscription.queue(), body, attributes));
        }
    }

    private static Map<String, MessageAttributeValue> sqsAttributes(List<MessageAttribute> attributes) {
        Map<String, MessageAttributeValue> sqs = new LinkedHashMap<>();
        for (MessageAttribute a : attributes) {
            MessageAttributeValue.Builder value = MessageAttributeValue.builder().dataType(a.dataType());
            if (a.isBinary()) {
                value.binaryValue(SdkBytes.fromByteArray(a.binaryValue()));
            } else {
                value.stringValue(a.stringValue());
            }
            sqs.put(a.name(), value.build());
        }
        return sqs;
    }

    @Override
    public void close() {
        deliveries.close();
    }
}
