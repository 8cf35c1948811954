package io.paydr.local.pipeline;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.paydr.ingest.config.IngestConfig;
import io.paydr.ingest.handler.SqsIngestHandler;
import io.paydr.local.eventsource.EventSourceSettings;
import io.paydr.local.eventsource.IngestLag;
import io.paydr.local.eventsource.PollerStats;
import io.paydr.local.eventsource.SqsEventSourcePoller;
import io.paydr.local.stack.RegionStack;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.Map;

/**
 * The ingest function of one Region behind its SQS event source mapping. The function is constructed
 * once from its environment (as Lambda initialises it); the mapping can be disabled and re-enabled,
 * which is how a drill takes the Region's consumer down. Lag samples accumulate across restarts.
 */
public final class RegionIngest implements AutoCloseable {

    private final RegionStack stack;
    private final SqsClient sqs;
    private final EventSourceSettings settings;
    private final RequestHandler<SQSEvent, SQSBatchResponse> function;
    private final IngestLag lag;
    private SqsEventSourcePoller poller;
    private PollerStats previous = new PollerStats(0, 0, 0, 0, 0);

    public RegionIngest(RegionStack stack, Map<String, String> functionEnvironment, SqsClient sqs,
                        EventSourceSettings settings) {
        this.stack = stack;
        this.sqs = sqs;
        this.settings = settings;
        SqsIngestHandler handler = new SqsIngestHandler(IngestConfig.fromEnvironment(functionEnvironment));
        this.function = handler::handleRequest;
        this.lag = new IngestLag(stack.regionId());
    }

    /** Enables the event source mapping. */
    public synchronized RegionIngest start() {
        if (poller == null) {
            poller = SqsEventSourcePoller.builder().sqs(sqs).queueUrl(stack.queueUrl()).regionId(stack.regionId())
                    .handler(function).settings(settings).lag(lag).build().start();
        }
        return this;
    }

    /** Disables the mapping: in-flight invocations finish, nothing new is received. */
    public synchronized void stop() {
        if (poller != null) {
            poller.close();
            previous = plus(previous, poller.stats());
            poller = null;
        }
    }

    public synchronized boolean running() {
        return poller != null;
    }

    public RegionStack stack() {
        return stack;
    }

    public IngestLag lag() {
        return lag;
    }

    public synchronized PollerStats stats() {
        return poller == null ? previous : plus(previous, poller.stats());
    }

    @Override
    public void close() {
        stop();
    }

    private static PollerStats plus(PollerStats a, PollerStats b) {
        return new PollerStats(a.invocations() + b.invocations(), a.failedInvocations() + b.failedInvocations(),
                a.received() + b.received(), a.deleted() + b.deleted(), a.failedRecords() + b.failedRecords());
    }
}
