package io.paydr.ingest.internal;

import com.amazonaws.services.lambda.runtime.Context;
import io.paydr.aws.Deadline;
import io.paydr.ingest.config.IngestConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** The time an invocation may spend, and the summary line every invocation logs. */
public final class Budget {
    /** Kept back from the Lambda's remaining time to report results before the runtime kills the invocation. */
    static final Duration SAFETY_MARGIN = Duration.ofSeconds(3);
    /** Used when there is no Lambda context (in-process runs). */
    static final Duration WITHOUT_CONTEXT = Duration.ofSeconds(60);

    private Budget() {
    }

    public static Deadline deadline(Context context) {
        Duration remaining = context == null ? WITHOUT_CONTEXT : Duration.ofMillis(context.getRemainingTimeInMillis());
        Duration margin = remaining.compareTo(SAFETY_MARGIN.multipliedBy(4)) < 0 ? remaining.dividedBy(4) : SAFETY_MARGIN;
        return Deadline.after(remaining.minus(margin));
    }

    /**
     * The start-up line: which handler, which function version (Lambda's variables; with SnapStart this is logged
     * once, when the version's snapshot is made) and the configuration as JSON fields, credentials left out.
     */
    public static void logStarted(String handler, IngestConfig config) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("handler", handler);
        LAMBDA_VARIABLES.forEach((field, variable) -> {
            String value = System.getenv(variable);
            if (value != null) {
                fields.put(field, value);
            }
        });
        fields.put("config", config.describe());
        JsonLog.info("handler_started", fields);
    }

    private static final Map<String, String> LAMBDA_VARIABLES = Map.of("functionName", "AWS_LAMBDA_FUNCTION_NAME",
            "functionVersion", "AWS_LAMBDA_FUNCTION_VERSION", "initializationType", "AWS_LAMBDA_INITIALIZATION_TYPE");

    /** The line that sums an invocation up, with the function's name and version (a log group holds several). */
    public static void logSummary(String event, Context context, int messages, BatchOutcome outcome) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (context != null) {
            fields.put("functionName", context.getFunctionName());
            fields.put("functionVersion", context.getFunctionVersion());
        }
        fields.put("messages", messages);
        fields.put("loaded", outcome.count(Disposition.Kind.LOADED));
        fields.put("alreadyLoaded", outcome.count(Disposition.Kind.ALREADY_LOADED));
        fields.put("rejected", outcome.count(Disposition.Kind.REJECTED));
        fields.put("retry", outcome.count(Disposition.Kind.RETRY));
        fields.put("payloadsLoaded", outcome.payloadsLoaded());
        fields.put("rowsInserted", outcome.rowsInserted());
        fields.put("duplicateRowsSkipped", outcome.duplicateRowsSkipped());
        fields.put("conflictingRecords", outcome.conflictingRecords());
        fields.put("reusedPayloadKeys", outcome.reusedPayloadKeys());
        fields.put("replicaMisses", outcome.replicaMisses());
        fields.put("transactions", outcome.transactions());
        fields.put("dataApiCalls", outcome.dataApiCalls());
        fields.put("loadLatencyMs", outcome.loadLatencyMillis());
        JsonLog.info(event, fields);
    }
}
