package io.paydr.ingest.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.paydr.ingest.config.IngestConfig;
import io.paydr.ingest.internal.BatchOutcome;
import io.paydr.ingest.internal.Budget;
import io.paydr.ingest.internal.IngestRuntime;
import io.paydr.ingest.internal.InvocationLog;
import io.paydr.ingest.internal.JsonLog;
import io.paydr.aws.Deadline;
import io.paydr.ingest.payload.ReceivedMessage;
import java.util.List;
import java.util.Map;

/**
 * The SQS event-source handler (ReportBatchItemFailures): loads the payloads of all good messages of the batch in
 * one Data API transaction and reports only the messages that must stay in the queue.
 */
public final class SqsIngestHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final IngestRuntime runtime;

    /** Lambda's constructor: configuration from the process environment, read once. */
    public SqsIngestHandler() {
        this(IngestConfig.fromEnvironment(System.getenv()));
    }

    public SqsIngestHandler(IngestConfig config) {
        this.runtime = IngestRuntime.create(config);
        Budget.logStarted("SqsIngestHandler", config);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        try (InvocationLog.Scope ignored = InvocationLog.open(context)) {
            return handle(event, context);
        }
    }

    private SQSBatchResponse handle(SQSEvent event, Context context) {
        List<ReceivedMessage> messages = event.getRecords() == null ? List.of()
                : event.getRecords().stream().map(ReceivedMessage::fromLambda).toList();
        Deadline deadline = Budget.deadline(context);
        List<String> failed;
        try {
            BatchOutcome outcome = runtime.pipeline().process(messages, deadline, true);
            runtime.metrics().emit(outcome, "event");
            Budget.logSummary("batch_processed", context, messages.size(), outcome);
            failed = outcome.failedMessageIds();
        } catch (RuntimeException e) {
            // A bug must not lose messages: everything goes back to the queue.
            JsonLog.error("batch_failed", Map.of("error", e.getClass().getName(), "messages", messages.size()));
            failed = messages.stream().map(ReceivedMessage::messageId).toList();
        }
        return SQSBatchResponse.builder().withBatchItemFailures(
                failed.stream().map(id -> SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(id).build())
                        .toList()).build();
    }
}
