package io.paydr.devstack.sns.internal;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.faults.Faults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Delivers a notification to every subscribed queue, synchronously within the Publish call so that a test
 * can receive right after publishing. Each queue is reached through the SqsClient of the queue's own Region
 * (cross-Region subscriptions work as on AWS). A failed delivery is logged and dropped, never reported to the
 * publisher: on AWS, Publish succeeds independently of delivery.
 */
public final class Fanout {

    /** SQS takes at most 10 message attributes; AWS drops raw deliveries that carry more. */
    static final int MAX_RAW_ATTRIBUTES = 10;

    private static final Logger LOG = LoggerFactory.getLogger(Fanout.class);

    private final Faults faults;
    private final Function<DevRegion, SqsClient> sqsClients;
    private final Envelope envelope = new Envelope();
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

    public Fanout(Faults faults, Function<DevRegion, SqsClient> sqsClients) {
        this.faults = faults;
        this.sqsClients = sqsClients;
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

    private void send(Notification notification, Subscription subscription, String body,
                      Map<String, MessageAttributeValue> attributes) {
        int copies = faults.duplicateDelivery(notification.topic().region()) ? 2 : 1;
        Arns.QueueArn queue = subscription.queue();
        SqsClient sqs = sqsClients.apply(queue.region());
        try {
            for (int i = 0; i < copies; i++) {
                sqs.sendMessage(b -> b.queueUrl(queueUrl(sqs, queue)).messageBody(body).messageAttributes(attributes));
            }
        } catch (QueueDoesNotExistException e) {
            queueUrls.remove(queue.arn());
            LOG.warn("SNS message {} not delivered: subscribed queue {} does not exist", notification.messageId(),
                    queue.arn());
        } catch (SdkException e) {
            LOG.warn("SNS message {} not delivered to {}: {}", notification.messageId(), queue.arn(), e.getMessage());
        }
    }

    private String queueUrl(SqsClient sqs, Arns.QueueArn queue) {
        return queueUrls.computeIfAbsent(queue.arn(), arn -> sqs.getQueueUrl(b -> b.queueName(queue.name())).queueUrl());
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
}
