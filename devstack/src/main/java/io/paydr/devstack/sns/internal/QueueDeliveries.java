package io.paydr.devstack.sns.internal;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.faults.Faults;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Sends SNS deliveries into ElasticMQ queues. The first attempt runs in the caller's thread (within Publish).
 * Like AWS SNS, which keeps retrying SQS endpoints for days, a delivery that meets a transient failure (the
 * queue's Region down, 5xx, throttling, connection failure) is retried in the background with backoff
 * (1 s doubling to 20 s) until it succeeds or the server closes. Permanent failures (the queue does not exist,
 * SQS refuses the message) are logged and dropped, as AWS drops them without a dead-letter queue.
 */
final class QueueDeliveries implements AutoCloseable {

    /** One message for one queue; the queue's Region says which ElasticMQ receives it. */
    record Delivery(String messageId, Arns.QueueArn queue, String body, Map<String, MessageAttributeValue> attributes) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(QueueDeliveries.class);
    private static final long FIRST_RETRY_MILLIS = 1_000;
    private static final long MAX_RETRY_MILLIS = 20_000;

    private final Faults faults;
    private final Function<DevRegion, SqsClient> sqsClients;
    private final Map<String, String> queueUrls = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "devstack-sns-redelivery");
        thread.setDaemon(true);
        return thread;
    });

    QueueDeliveries(Faults faults, Function<DevRegion, SqsClient> sqsClients) {
        this.faults = faults;
        this.sqsClients = sqsClients;
    }

    void deliver(Delivery delivery) {
        attempt(delivery, 0);
    }

    private void attempt(Delivery delivery, long lastDelayMillis) {
        String transientFailure = trySend(delivery);
        if (transientFailure == null) {
            if (lastDelayMillis > 0) {
                LOG.info("SNS message {} delivered to {} after retrying", delivery.messageId(), delivery.queue().arn());
            }
            return;
        }
        long delay = lastDelayMillis == 0 ? FIRST_RETRY_MILLIS : Math.min(MAX_RETRY_MILLIS, lastDelayMillis * 2);
        if (lastDelayMillis == 0) {
            LOG.warn("SNS message {} not yet delivered to {} ({}); retrying in the background",
                    delivery.messageId(), delivery.queue().arn(), transientFailure);
        }
        if (!retries.isShutdown()) {
            retries.schedule(() -> attempt(delivery, delay), delay, TimeUnit.MILLISECONDS);
        }
    }

    /** Sends once; returns null when done (delivered or permanently failed), else why it should be retried. */
    private String trySend(Delivery delivery) {
        Arns.QueueArn queue = delivery.queue();
        if (faults.isDown(queue.region())) {
            return queue.region().id() + " is down";
        }
        SqsClient sqs = sqsClients.apply(queue.region());
        try {
            String url = queueUrls.computeIfAbsent(queue.arn(), arn -> sqs.getQueueUrl(b -> b.queueName(queue.name())).queueUrl());
            sqs.sendMessage(b -> b.queueUrl(url).messageBody(delivery.body()).messageAttributes(delivery.attributes()));
            return null;
        } catch (QueueDoesNotExistException e) {
            queueUrls.remove(queue.arn());
            LOG.warn("SNS message {} dropped: subscribed queue {} does not exist", delivery.messageId(), queue.arn());
            return null;
        } catch (SdkServiceException e) {
            if (e.statusCode() >= 500 || e.isThrottlingException()) {
                return e.getMessage();
            }
            LOG.warn("SNS message {} dropped: {} refused it: {}", delivery.messageId(), queue.arn(), e.getMessage());
            return null;
        } catch (SdkClientException e) {
            return e.getMessage();
        }
    }

    @Override
    public void close() {
        int pending = retries.shutdownNow().size();
        if (pending > 0) {
            LOG.warn("devstack SNS stopped with {} deliveries still waiting to be retried", pending);
        }
    }
}
