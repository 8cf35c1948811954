package io.paydr.local.drill;

import io.paydr.local.pipeline.PipelineSettings;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Common shape of a drill: publish continuously for {@code duration}, inject the fault {@code faultAfter}
 * into it for {@code faultLength}, then wait for both Regions to load everything and judge.
 *
 * @param chart where the PNG lag chart goes
 */
public record DrillOptions(Duration duration, Duration faultAfter, Duration faultLength, int recordsPerBatch,
                           double batchesPerSecond, long seed, Duration loadTimeout, Path chart,
                           PipelineSettings pipeline) {

    public DrillOptions {
        if (faultAfter.isNegative() || faultLength.isNegative() || faultLength.isZero()) {
            throw new IllegalArgumentException("the fault needs a start >= 0 and a positive length");
        }
        if (faultAfter.plus(faultLength).compareTo(duration) >= 0) {
            throw new IllegalArgumentException("the fault (" + faultAfter.toSeconds() + " s + " + faultLength.toSeconds()
                    + " s) must end before publishing stops (" + duration.toSeconds() + " s)");
        }
        if (recordsPerBatch < 1 || !(batchesPerSecond > 0)) {
            throw new IllegalArgumentException("a drill publishes continuously: records per batch >= 1, rate > 0");
        }
    }
}
