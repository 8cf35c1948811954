package io.paydr.ingest.handler;

import com.amazon.sqs.javamessaging.AmazonSQSExtendedClient;
import com.amazon.sqs.javamessaging.ExtendedClientConfiguration;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.paydr.ingest.config.DrainSettings;
import io.paydr.ingest.config.IngestConfig;
import io.paydr.ingest.internal.BatchOutcome;
import io.paydr.ingest.internal.Budget;
import io.paydr.ingest.internal.Disposition;
import io.paydr.ingest.internal.IngestRuntime;
import io.paydr.ingest.internal.InvocationLog;
import io.paydr.ingest.internal.QueueDrain;
import io.paydr.aws.Deadline;
import io.paydr.ingest.payload.ReceivedMessage;
import java.util.List;

/**
 * The scheduled drain: receives from the queue until it is empty, DRAIN_MAX_MESSAGES is reached or half the time
 * budget is spent, stages every S3 payload's verified records and loads them all with one manifest COPY in one
 * transaction, then deletes the messages whose payloads are committed. It receives through {@link AmazonSQSExtendedClient} with payload support disabled: that
 * client then never deletes S3 objects (the other Region and replays need them), never reads a whole payload into a
 * String, and leaves pointer parsing to the strict contract parser instead of payload-offloading's default-typing
 * converter.
 */
public final class ScheduledDrainHandler implements RequestHandler<ScheduledEvent, DrainReport> {
    private final IngestRuntime runtime;
    private final DrainSettings settings;
    private final QueueDrain queue;

    /** Lambda's constructor: configuration from the process environment, read once. */
    public ScheduledDrainHandler() {
        this(IngestConfig.fromEnvironment(System.getenv()));
    }

    public ScheduledDrainHandler(IngestConfig config) {
        this.settings = config.drain();
        this.runtime = IngestRuntime.create(config);
        AmazonSQSExtendedClient sqs = new AmazonSQSExtendedClient(runtime.clients().sqs(),
                new ExtendedClientConfiguration().withPayloadSupportDisabled());
        this.queue = new QueueDrain(sqs, settings.queueUrl());
        Budget.logStarted("ScheduledDrainHandler", config);
    }

    @Override
    public DrainReport handleRequest(ScheduledEvent event, Context context) {
        try (InvocationLog.Scope ignored = InvocationLog.open(context)) {
            return drain(context);
        }
    }

    private DrainReport drain(Context context) {
        Deadline deadline = Budget.deadline(context);
        QueueDrain.Received received = queue.receive(settings.maxMessages(), deadline);
        BatchOutcome outcome = runtime.pipeline().process(received.messages(), deadline, false);
        List<ReceivedMessage> done = received.messages().stream()
                .filter(m -> outcome.dispositions().get(m.messageId()).done()).toList();
        int deleted = queue.delete(done);
        runtime.metrics().emit(outcome, "drain");
        Budget.logSummary("drain_processed", context, received.messages().size(), outcome);
        return new DrainReport(received.messages().size(), deleted, outcome.payloadsLoaded(),
                outcome.payloadsAlreadyLoaded(), outcome.rowsInserted(), outcome.duplicateRowsSkipped(),
                outcome.count(Disposition.Kind.REJECTED), outcome.count(Disposition.Kind.RETRY), outcome.transactions(),
                received.queueEmpty());
    }
}
