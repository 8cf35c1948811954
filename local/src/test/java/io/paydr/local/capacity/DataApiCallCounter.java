package io.paydr.local.capacity;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.redshiftdata.model.RedshiftDataRequest;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the Redshift Data API calls made on the current thread, by operation, and the calls that failed with
 * throttling after the SDK's own retries. The event source emulation runs each invocation on one worker thread and a
 * sync SDK client calls on the caller's thread, so {@link #begin()} before and {@link #end()} after an invocation give
 * that invocation's calls, whichever loader made them, without touching the function's code. Registered for every
 * SDK client of the local module's tests through {@code software/amazon/awssdk/global/handlers/execution.interceptors}.
 */
public final class DataApiCallCounter implements ExecutionInterceptor {

    /** One invocation's Data API calls by operation, and its calls that ended throttled. */
    public record Calls(Map<String, Long> byOperation, long throttled) {
        public long total() {
            return byOperation.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final ThreadLocal<Counting> CURRENT = new ThreadLocal<>();

    private static final class Counting {
        final Map<String, Long> byOperation = new TreeMap<>();
        long throttled;
    }

    public DataApiCallCounter() {
        // instantiated by the SDK for every client
    }

    /** Starts counting this thread's calls. */
    public static void begin() {
        CURRENT.set(new Counting());
    }

    /** Stops counting and returns what this thread called since {@link #begin()}. */
    public static Calls end() {
        Counting c = CURRENT.get();
        CURRENT.remove();
        return c == null ? new Calls(Map.of(), 0) : new Calls(Map.copyOf(c.byOperation), c.throttled);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        Counting c = CURRENT.get();
        if (c != null && context.request() instanceof RedshiftDataRequest request) {
            String operation = request.getClass().getSimpleName().replace("Request", "");
            c.byOperation.merge(operation, 1L, Long::sum);
        }
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Counting c = CURRENT.get();
        if (c != null && context.request() instanceof RedshiftDataRequest
                && context.exception() instanceof AwsServiceException e && e.isThrottlingException()) {
            c.throttled++;
        }
    }
}
