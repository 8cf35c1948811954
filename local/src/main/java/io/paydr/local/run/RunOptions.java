package io.paydr.local.run;

import io.paydr.local.pipeline.PipelineSettings;

import java.time.Duration;

/**
 * Sizes and rates of a local run.
 *
 * @param batches          batches (payloads) to publish
 * @param recordsPerBatch  payments per batch
 * @param batchesPerSecond publishing pace; 0 = as fast as the publisher goes
 * @param seed             generator seed: the same seed publishes the same payments
 * @param loadTimeout      how long to wait, after publishing, for both Regions to load everything
 * @param pipeline         stacks, event source mapping and publisher settings
 */
public record RunOptions(int batches, int recordsPerBatch, double batchesPerSecond, long seed, Duration loadTimeout,
                         PipelineSettings pipeline) {

    public RunOptions {
        if (batches < 1) {
            throw new IllegalArgumentException("--batches must be >= 1, was " + batches);
        }
        if (recordsPerBatch < 1) {
            throw new IllegalArgumentException("--records-per-batch must be >= 1, was " + recordsPerBatch);
        }
        if (batchesPerSecond < 0) {
            throw new IllegalArgumentException("--rate must be >= 0, was " + batchesPerSecond);
        }
    }
}
