package io.paydr.reliability.chaos;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts the error responses every SDK client in this JVM receives, per attempt (before the SDK's own retries), by
 * service, operation, HTTP status and error type: the function's clients, the pollers', the publishers' and
 * devstack's own. While the chaos test runs, devstack's injected faults are the only source of such errors, so these
 * are the faults injected, by kind, as the clients met them. Registered for every client through the SDK's global
 * interceptor file ({@code software/amazon/awssdk/global/handlers/execution.interceptors} in the test resources).
 */
public final class FaultCounter implements ExecutionInterceptor {
    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();
    private static volatile boolean counting;

    /** Clears the counts and starts counting. */
    public static void start() {
        COUNTS.clear();
        counting = true;
    }

    /** Stops counting and returns the counts, sorted by kind. */
    public static Map<String, Long> stop() {
        counting = false;
        Map<String, Long> snapshot = new TreeMap<>();
        COUNTS.forEach((kind, count) -> snapshot.put(kind, count.sum()));
        return snapshot;
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        int status = context.httpResponse().statusCode();
        if (!counting || status < 400) {
            return;
        }
        String errorType = context.httpResponse().firstMatchingHeader("x-amzn-ErrorType")
                .or(() -> context.httpResponse().firstMatchingHeader("x-amzn-query-error"))
                .map(v -> v.split("[:;]")[0]).orElse("");
        String kind = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + " "
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME) + " HTTP " + status
                + (errorType.isEmpty() ? "" : " " + errorType);
        COUNTS.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }
}
