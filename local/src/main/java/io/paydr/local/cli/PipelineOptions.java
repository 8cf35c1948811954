package io.paydr.local.cli;

import io.paydr.local.eventsource.EventSourceSettings;
import io.paydr.local.pipeline.PipelineSettings;
import io.paydr.local.stack.StackSettings;
import picocli.CommandLine.Option;

import java.time.Duration;

/** Options shared by every command: the event source mapping, the queues and the publisher. */
final class PipelineOptions {

    @Option(names = "--gzip", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "gzip payloads (default: ${DEFAULT-VALUE}; --no-gzip for plain JSON Lines)")
    boolean gzip;

    @Option(names = "--batch-size", defaultValue = "10", description = "event source BatchSize (default: ${DEFAULT-VALUE})")
    int batchSize;

    @Option(names = "--batching-window", defaultValue = "1",
            description = "event source MaximumBatchingWindowInSeconds (default: ${DEFAULT-VALUE})")
    int batchingWindowSeconds;

    @Option(names = "--max-concurrency", defaultValue = "2",
            description = "event source MaximumConcurrency per Region (default: ${DEFAULT-VALUE})")
    int maxConcurrency;

    @Option(names = "--function-timeout", defaultValue = "60",
            description = "ingest function timeout, seconds (default: ${DEFAULT-VALUE})")
    int functionTimeoutSeconds;

    @Option(names = "--visibility-timeout", defaultValue = "360",
            description = "queue visibility timeout, seconds, >= 6 x function timeout (default: ${DEFAULT-VALUE})")
    int visibilityTimeoutSeconds;

    @Option(names = "--max-receive-count", defaultValue = "5",
            description = "redrive policy maxReceiveCount before the DLQ (default: ${DEFAULT-VALUE})")
    int maxReceiveCount;

    @Option(names = "--replication-delay-ms", defaultValue = "200",
            description = "normal delay of the emulated S3 replication, ms (default: ${DEFAULT-VALUE})")
    long replicationDelayMillis;

    PipelineSettings settings() {
        StackSettings stack = StackSettings.builder().maxReceiveCount(maxReceiveCount)
                .functionTimeout(Duration.ofSeconds(functionTimeoutSeconds))
                .visibilityTimeout(Duration.ofSeconds(visibilityTimeoutSeconds))
                .replicationDelay(Duration.ofMillis(replicationDelayMillis)).build();
        EventSourceSettings eventSource = EventSourceSettings.builder().batchSize(batchSize)
                .batchingWindow(Duration.ofSeconds(batchingWindowSeconds)).maximumConcurrency(maxConcurrency)
                .functionTimeout(stack.functionTimeout()).waitTimeSeconds(2).build();
        return new PipelineSettings(stack, eventSource, gzip);
    }
}
