package io.paydr.local.eventsource;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The event source emulation against devstack's SQS (ElasticMQ behind its fault front), with a real SDK client. */
class SqsEventSourcePollerTest {

    private static SqsClient sqs;

    @BeforeAll
    static void client() {
        sqs = Devstack.shared().sqs(DevRegion.PRIMARY);
    }

    @AfterAll
    static void close() {
        sqs.close();
    }

    @Test
    void deletesSuccessesRetriesReportedFailuresAndDeadLettersThemAfterMaxReceiveCount() {
        Queues q = queues(2, 1);
        for (int i = 0; i < 30; i++) {
            send(q.url, i % 15 == 7 ? "poison-" + i : "good-" + i);
        }
        Map<String, Integer> deliveries = new ConcurrentHashMap<>();
        List<SQSEvent.SQSMessage> seen = new CopyOnWriteArrayList<>();
        AtomicInteger active = new AtomicInteger();
        AtomicInteger maxActive = new AtomicInteger();
        RequestHandler<SQSEvent, SQSBatchResponse> handler = (event, ctx) -> {
            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            try {
                sleep(50);
                List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
                for (SQSEvent.SQSMessage m : event.getRecords()) {
                    seen.add(m);
                    deliveries.merge(m.getBody(), 1, Integer::sum);
                    if (m.getBody().startsWith("poison")) {
                        failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
                    }
                }
                return new SQSBatchResponse(failures);
            } finally {
                active.decrementAndGet();
            }
        };
        SqsEventSourcePoller poller = poller(q.url, handler, EventSourceSettings.builder().batchSize(5)
                .maximumConcurrency(3).waitTimeSeconds(1).build()).start();
        try {
            await(() -> depth(q.dlq) == 2 && depth(q.url) == 0, Duration.ofSeconds(20));
        } finally {
            poller.close();
        }

        assertEquals(28, deliveries.keySet().stream().filter(b -> b.startsWith("good")).count());
        deliveries.forEach((body, n) -> assertEquals(body.startsWith("poison") ? 2 : 1, n, body));
        assertTrue(maxActive.get() <= 3, "never more than MaximumConcurrency invocations at once: " + maxActive);
        PollerStats stats = poller.stats();
        assertEquals(28, stats.deleted());
        assertEquals(4, stats.failedRecords());
        assertEquals(28, poller.lag().count(), "one lag sample per committed message");

        SQSEvent.SQSMessage first = seen.get(0);
        assertEquals("aws:sqs", first.getEventSource());
        assertEquals("us-east-1", first.getAwsRegion());
        assertTrue(first.getEventSourceArn().startsWith("arn:aws:sqs:"), first.getEventSourceArn());
        assertNotNull(first.getAttributes().get("SentTimestamp"));
        assertNotNull(first.getAttributes().get("ApproximateFirstReceiveTimestamp"));
        assertEquals("String", first.getMessageAttributes().get("dataset").getDataType());
        assertEquals("payments", first.getMessageAttributes().get("dataset").getStringValue());
        assertTrue(seen.stream().anyMatch(m -> m.getBody().startsWith("poison")
                && "2".equals(m.getAttributes().get("ApproximateReceiveCount"))), "poison was redelivered");
    }

    @Test
    void batchingWindowGathersBeyondOneReceiveUpToBatchSize() {
        // the visibility timeout must outlast the window, or the first receives reappear inside the batch
        Queues q = queues(5, 10);
        for (int i = 0; i < 25; i++) {
            send(q.url, "m-" + i);
        }
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        SqsEventSourcePoller poller = poller(q.url, (event, ctx) -> {
            sizes.add(event.getRecords().size());
            return new SQSBatchResponse(List.of());
        }, EventSourceSettings.builder().batchSize(25).batchingWindow(Duration.ofSeconds(3)).maximumConcurrency(2)
                .waitTimeSeconds(1).build()).start();
        try {
            await(() -> sizes.stream().mapToInt(Integer::intValue).sum() == 25, Duration.ofSeconds(15));
        } finally {
            poller.close();
        }
        assertTrue(sizes.stream().allMatch(s -> s <= 25), sizes.toString());
        assertTrue(sizes.stream().anyMatch(s -> s > 10), "one invocation gathered more than one receive: " + sizes);
    }

    @Test
    void aFunctionErrorOrTimeoutLeavesTheWholeBatchForRedelivery() {
        Queues q = queues(5, 1);
        send(q.url, "a");
        send(q.url, "b");
        AtomicInteger calls = new AtomicInteger();
        Set<String> receiveCounts = ConcurrentHashMap.newKeySet();
        SqsEventSourcePoller poller = poller(q.url, (event, ctx) -> {
            event.getRecords().forEach(m -> receiveCounts.add(m.getAttributes().get("ApproximateReceiveCount")));
            int call = calls.incrementAndGet();
            if (call == 1) {
                throw new IllegalStateException("boom");
            }
            if (call == 2) {
                sleep(ctx.getRemainingTimeInMillis() + 50L);
            }
            return null;
        }, EventSourceSettings.builder().batchSize(10).maximumConcurrency(2).waitTimeSeconds(1)
                .functionTimeout(Duration.ofMillis(300)).build()).start();
        try {
            await(() -> poller.stats().deleted() == 2, Duration.ofSeconds(20));
        } finally {
            poller.close();
        }
        assertTrue(poller.stats().failedInvocations() >= 2, poller.stats().toString());
        assertTrue(receiveCounts.contains("3"), "redelivered after the error and after the timeout: " + receiveCounts);
        assertEquals(0, depth(q.url));
    }

    private SqsEventSourcePoller poller(String url, RequestHandler<SQSEvent, SQSBatchResponse> handler,
                                        EventSourceSettings settings) {
        return SqsEventSourcePoller.builder().sqs(sqs).queueUrl(url).regionId("us-east-1").handler(handler)
                .settings(settings).build();
    }

    private record Queues(String url, String dlq) {
    }

    /** A queue with the given visibility timeout and a DLQ after {@code maxReceiveCount} receives. */
    private static Queues queues(int maxReceiveCount, int visibilitySeconds) {
        String name = "q-" + UUID.randomUUID();
        String dlq = sqs.createQueue(r -> r.queueName(name + "-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(r -> r.queueUrl(dlq).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String url = sqs.createQueue(r -> r.queueName(name).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilitySeconds),
                QueueAttributeName.REDRIVE_POLICY,
                "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}")))
                .queueUrl();
        return new Queues(url, dlq);
    }

    private static void send(String url, String body) {
        sqs.sendMessage(r -> r.queueUrl(url).messageBody(body).messageAttributes(Map.of("dataset",
                MessageAttributeValue.builder().dataType("String").stringValue("payments").build())));
    }

    private static int depth(String url) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static void await(BooleanSupplier condition, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not reached within " + timeout);
            }
            sleep(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
