package io.paydr.local.eventsource;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.paydr.sam.LambdaEventJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process emulation of Lambda's SQS event source mapping for one queue and one function.
 * {@code MaximumConcurrency} workers each long-poll, gather a batch, invoke the handler synchronously
 * with an SQS event in Lambda's shape, and delete only the messages the function did not report in
 * {@code batchItemFailures}. Failed messages are left alone: they reappear after the queue's visibility
 * timeout and move to the DLQ after the redrive policy's maxReceiveCount, exactly as on AWS. Each
 * deleted message adds an ingest-lag sample (invocation end − SentTimestamp) to {@link #lag()}.
 */
public final class SqsEventSourcePoller implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSourcePoller.class);
    private static final long RECEIVE_ERROR_BACKOFF_MILLIS = 1000;

    private final SqsClient sqs;
    private final String queueUrl;
    private final String regionId;
    private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
    private final EventSourceSettings settings;
    private final IngestLag lag;
    private final ExecutorService workers;
    private volatile boolean running;
    private String queueArn;

    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong failedInvocations = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong failedRecords = new AtomicLong();

    private SqsEventSourcePoller(Builder b) {
        this.sqs = Objects.requireNonNull(b.sqs, "sqs client");
        this.queueUrl = Objects.requireNonNull(b.queueUrl, "queue URL");
        this.regionId = Objects.requireNonNull(b.regionId, "region id");
        this.handler = Objects.requireNonNull(b.handler, "handler");
        this.settings = Objects.requireNonNull(b.settings, "settings");
        this.lag = b.lag != null ? b.lag : new IngestLag(regionId);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(settings.maximumConcurrency(), r -> {
            Thread t = new Thread(r, "esm-" + regionId + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts polling; returns at once. */
    public synchronized SqsEventSourcePoller start() {
        if (running) {
            throw new IllegalStateException("poller for " + queueUrl + " already started");
        }
        queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        running = true;
        for (int i = 0; i < settings.maximumConcurrency(); i++) {
            workers.submit(this::pollLoop);
        }
        return this;
    }

    /**
     * Disables the mapping without waiting: no new receive starts from now on; invocations in flight (and
     * receives already waiting) finish on their own. {@link #close()} waits for them.
     */
    public void stopPolling() {
        running = false;
    }

    /**
     * Stops polling: no new batch starts; invocations in flight finish and their deletes happen.
     * Waits up to one long-poll wait plus the function timeout.
     */
    @Override
    public void close() {
        running = false;
        workers.shutdown();
        try {
            long waitMillis = settings.waitTimeSeconds() * 1000L + settings.functionTimeout().toMillis() + 1000;
            if (!workers.awaitTermination(waitMillis, TimeUnit.MILLISECONDS)) {
                LOG.warn("event source for {} did not stop within {} ms; interrupting", queueUrl, waitMillis);
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    public IngestLag lag() {
        return lag;
    }

    public PollerStats stats() {
        return new PollerStats(invocations.get(), failedInvocations.get(), received.get(), deleted.get(),
                failedRecords.get());
    }

    private void pollLoop() {
        BatchCollector collector = new BatchCollector(this::receive, settings, () -> running);
        while (running) {
            try {
                List<Message> batch = collector.collect();
                if (!batch.isEmpty()) {
                    invoke(batch);
                }
            } catch (RuntimeException e) {
                // the queue is unreachable (e.g. the Region is down): Lambda's pollers back off and retry
                LOG.debug("receive from {} failed: {}", queueUrl, e.toString());
                sleepQuietly(RECEIVE_ERROR_BACKOFF_MILLIS);
            }
        }
    }

    private List<Message> receive(int maxMessages, int waitSeconds) {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                .maxNumberOfMessages(maxMessages)
                .waitTimeSeconds(waitSeconds)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        received.addAndGet(messages.size());
        return messages;
    }

    private void invoke(List<Message> batch) {
        SQSEvent event = LambdaSqsRecords.event(batch, queueArn, regionId);
        LocalLambdaContext context = new LocalLambdaContext(settings.functionName(), regionId,
                settings.functionTimeout());
        invocations.incrementAndGet();
        MappingOutcome outcome = outcomeOf(event, context);
        Instant committedAt = Instant.now();
        if (outcome.reason() != null) {
            failedInvocations.incrementAndGet();
            LOG.warn("{} invocation {} failed for all {} records: {}", regionId, context.getAwsRequestId(),
                    batch.size(), outcome.reason());
        }
        failedRecords.addAndGet(outcome.failed().size());
        delete(outcome.succeeded());
        outcome.succeeded().forEach(r -> lag.record(committedAt, committedAt.toEpochMilli() - sentAt(r)));
    }

    private MappingOutcome outcomeOf(SQSEvent event, LocalLambdaContext context) {
        List<SQSEvent.SQSMessage> records = event.getRecords();
        try {
            SQSBatchResponse response = handler.handleRequest(event, context);
            if (context.timedOut()) {
                return MappingOutcome.wholeBatchFailed(records,
                        "Task timed out after " + settings.functionTimeout().toMillis() + " ms");
            }
            // the service reads the response as the runtime serialised it, not the object the handler returned
            return MappingOutcome.of(records, LambdaEventJson.read(LambdaEventJson.write(response),
                    SQSBatchResponse.class));
        } catch (RuntimeException | Error e) {
            return MappingOutcome.wholeBatchFailed(records, "function error: " + e);
        }
    }

    private void delete(List<SQSEvent.SQSMessage> records) {
        for (int from = 0; from < records.size(); from += 10) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (SQSEvent.SQSMessage r : records.subList(from, Math.min(records.size(), from + 10))) {
                entries.add(DeleteMessageBatchRequestEntry.builder()
                        .id(Integer.toString(entries.size())).receiptHandle(r.getReceiptHandle()).build());
            }
            try {
                DeleteMessageBatchResponse response = sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
                deleted.addAndGet(response.successful().size());
                response.failed().forEach(f -> LOG.warn("{} delete failed ({}): the message will be redelivered "
                        + "and its load acknowledged as already done", regionId, f.code()));
            } catch (RuntimeException e) {
                LOG.warn("{} delete of {} messages failed: {}; they will be redelivered", regionId, entries.size(),
                        e.toString());
            }
        }
    }

    private static long sentAt(SQSEvent.SQSMessage r) {
        return Long.parseLong(r.getAttributes().get(MessageSystemAttributeName.SENT_TIMESTAMP.toString()));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static final class Builder {
        private SqsClient sqs;
        private String queueUrl;
        private String regionId;
        private RequestHandler<SQSEvent, SQSBatchResponse> handler;
        private EventSourceSettings settings = EventSourceSettings.builder().build();
        private IngestLag lag;

        public Builder sqs(SqsClient v) { sqs = v; return this; }
        public Builder queueUrl(String v) { queueUrl = v; return this; }
        public Builder regionId(String v) { regionId = v; return this; }
        public Builder handler(RequestHandler<SQSEvent, SQSBatchResponse> v) { handler = v; return this; }
        public Builder settings(EventSourceSettings v) { settings = v; return this; }
        /** Share one lag series across pollers of the same Region (e.g. before and after an outage). */
        public Builder lag(IngestLag v) { lag = v; return this; }

        public SqsEventSourcePoller build() {
            return new SqsEventSourcePoller(this);
        }
    }
}
