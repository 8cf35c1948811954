package io.paydr.local.eventsource;

import java.time.Duration;

/**
 * The settings of one Lambda SQS event source mapping plus the function's timeout, validated with the
 * limits AWS applies to a standard queue. Immutable; build with {@link #builder()}.
 *
 * @param functionName       the emulated function's name (appears in the invocation context)
 * @param batchSize          BatchSize: 1..10000 records per invocation
 * @param batchingWindow     MaximumBatchingWindowInSeconds: 0..300 s; required (>= 1 s) when batchSize > 10
 * @param maximumConcurrency ScalingConfig.MaximumConcurrency: 2..1000 concurrent invocations
 * @param waitTimeSeconds    long-poll wait of each ReceiveMessage: 0..20 s (Lambda always uses 20)
 * @param functionTimeout    the function's timeout: an invocation running longer counts as failed
 */
public record EventSourceSettings(String functionName, int batchSize, Duration batchingWindow,
                                  int maximumConcurrency, int waitTimeSeconds, Duration functionTimeout) {

    /** Lambda caps the summed message size of one invocation's batch at 6 MB. */
    public static final long MAX_BATCH_BYTES = 6L * 1024 * 1024;

    public EventSourceSettings {
        requireRange("BatchSize", batchSize, 1, 10_000);
        requireRange("MaximumBatchingWindowInSeconds", batchingWindow.toSeconds(), 0, 300);
        if (batchSize > 10 && batchingWindow.isZero()) {
            throw new IllegalArgumentException(
                    "BatchSize " + batchSize + " > 10 needs MaximumBatchingWindowInSeconds of at least 1 (as on AWS)");
        }
        requireRange("MaximumConcurrency", maximumConcurrency, 2, 1000);
        requireRange("WaitTimeSeconds", waitTimeSeconds, 0, 20);
        if (functionTimeout.isNegative() || functionTimeout.isZero() || functionTimeout.toSeconds() > 900) {
            throw new IllegalArgumentException("function timeout must be within 1 ms..900 s, was " + functionTimeout);
        }
        if (functionName == null || functionName.isBlank()) {
            throw new IllegalArgumentException("function name must not be blank");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().functionName(functionName).batchSize(batchSize).batchingWindow(batchingWindow)
                .maximumConcurrency(maximumConcurrency).waitTimeSeconds(waitTimeSeconds)
                .functionTimeout(functionTimeout);
    }

    private static void requireRange(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be within " + min + ".." + max + ", was " + value);
        }
    }

    /** Defaults of the ingest function's mapping in template.yaml: 10 records, no window, concurrency 2. */
    public static final class Builder {
        private String functionName = "paydr-ingest";
        private int batchSize = 10;
        private Duration batchingWindow = Duration.ZERO;
        private int maximumConcurrency = 2;
        private int waitTimeSeconds = 20;
        private Duration functionTimeout = Duration.ofSeconds(60);

        public Builder functionName(String v) { functionName = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder batchingWindow(Duration v) { batchingWindow = v; return this; }
        public Builder maximumConcurrency(int v) { maximumConcurrency = v; return this; }
        public Builder waitTimeSeconds(int v) { waitTimeSeconds = v; return this; }
        public Builder functionTimeout(Duration v) { functionTimeout = v; return this; }

        public EventSourceSettings build() {
            return new EventSourceSettings(functionName, batchSize, batchingWindow, maximumConcurrency,
                    waitTimeSeconds, functionTimeout);
        }
    }
}
