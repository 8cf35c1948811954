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

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

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
    /** Pollers of earlier enable/disable cycles, kept for their counters. */
    private final List<SqsEventSourcePoller> retired = new CopyOnWriteArrayList<>();
    private SqsEventSourcePoller poller;
    private CompletableFuture<Void> stopping = CompletableFuture.completedFuture(null);

    public RegionIngest(RegionStack stack, Map<String, String> functionEnvironment, SqsClient sqs,
                        EventSourceSettings settings) {
        this.stack = stack;
        this.sqs = sqs;
        this.settings = settings;
        SqsIngestHandler handler = new SqsIngestHandler(IngestConfig.fromEnvironment(functionEnvironment));
        this.function = handler::handleRequest;
        this.lag = new IngestLag(stack.regionId());
    }

    /** Enables the event source mapping (after the previous one, if stopping, has finished). */
    public synchronized RegionIngest start() {
        stopping.join();
        if (poller == null) {
            poller = SqsEventSourcePoller.builder().sqs(sqs).queueUrl(stack.queueUrl()).regionId(stack.regionId())
                    .handler(function).settings(settings).lag(lag).build().start();
        }
        return this;
    }

    /**
     * Disables the mapping at once, as disabling it on AWS does: nothing new is received from now on, and
     * the invocations in flight run to their end. The future completes when they have.
     */
    public synchronized CompletableFuture<Void> stopAsync() {
        if (poller != null) {
            SqsEventSourcePoller p = poller;
            poller = null;
            retired.add(p);
            p.stopPolling();
            stopping = CompletableFuture.runAsync(p::close, r -> {
                Thread t = new Thread(r, "esm-disable-" + stack.regionId());
                t.setDaemon(true);
                t.start();
            });
        }
        return stopping;
    }

    /** Disables the mapping and waits for the invocations in flight. */
    public void stop() {
        stopAsync().join();
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
        PollerStats sum = poller == null ? new PollerStats(0, 0, 0, 0, 0) : poller.stats();
        for (SqsEventSourcePoller p : retired) {
            sum = plus(sum, p.stats());
        }
        return sum;
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
