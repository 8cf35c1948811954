package io.paydr.ingest.internal;

import com.amazonaws.services.lambda.runtime.Context;
import io.paydr.aws.Deadline;
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

    public static void logSummary(String event, int messages, BatchOutcome outcome) {
        Map<String, Object> fields = new LinkedHashMap<>();
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
