package io.paydr.ingest.internal;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The fields every log line of one invocation carries (the Lambda request id), whichever thread writes the line.
 * Per thread, not per process: in-process runs (local, reliability) invoke several functions of both Regions at
 * once in one JVM, and Lambda's Java runtime may too on multi-concurrency environments. The payload reads run on
 * the runtime's worker pool, so tasks handed to it carry the submitting invocation's fields
 * ({@link #propagating(Executor)}).
 */
public final class InvocationLog {
    /** The request id's field: the name Lambda's Java runtime gives it in its own JSON log lines. */
    public static final String REQUEST_ID = "AWSRequestId";

    private static final ThreadLocal<Map<String, String>> FIELDS = ThreadLocal.withInitial(Map::of);

    private InvocationLog() {
    }

    /** What an invocation's log lines carry. Closing restores what the thread had before. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Tags this thread's log lines with the invocation's request id until the scope closes. */
    public static Scope open(Context context) {
        String requestId = context == null ? null : context.getAwsRequestId();
        return with(requestId == null ? Map.of() : Map.of(REQUEST_ID, requestId));
    }

    /** The fields of the invocation this thread works for (empty outside one, e.g. at start-up). */
    public static Map<String, String> fields() {
        return FIELDS.get();
    }

    /** An executor whose tasks log with the fields of the thread that submitted them. */
    public static Executor propagating(Executor executor) {
        return task -> {
            Map<String, String> submitter = fields();
            executor.execute(() -> {
                try (Scope ignored = with(submitter)) {
                    task.run();
                }
            });
        };
    }

    private static Scope with(Map<String, String> fields) {
        Map<String, String> previous = FIELDS.get();
        FIELDS.set(fields);
        return () -> FIELDS.set(previous);
    }
}
