package io.paydr.local.run;

import io.paydr.cli.Console;
import io.paydr.cli.Progress;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.local.generator.PaymentGenerator;
import io.paydr.local.pipeline.LocalPipeline;
import io.paydr.local.pipeline.PaymentStream;
import io.paydr.local.pipeline.Verdict;
import io.paydr.local.pipeline.Verification;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The local run: the whole two-Region pipeline on devstack, N batches of synthetic payments published
 * through the publisher client, both Regions loading them through their event source mappings, then the
 * verdict (see {@link Verification}). Progress and status go to the console's stderr; the report is the
 * caller's ({@link io.paydr.local.report.RunReport}).
 */
public final class LocalRun {

    /** Publishes in flight at once, as an application with a few request threads would have. */
    private static final int PUBLISHES_IN_FLIGHT = 4;

    private LocalRun() {
    }

    /** Runs against the given devstack, showing progress on {@code console.err()}; returns what the report needs. */
    public static RunResult execute(Devstack devstack, RunOptions o, Console console) {
        Instant started = Instant.now();
        try (LocalPipeline pipeline = LocalPipeline.start(devstack, o.pipeline())) {
            console.err().printf(Locale.ROOT, "stacks ready in %.1f s: %s -> %s (replica), topics, queues+DLQs,"
                            + " schema V1%n", Duration.between(started, Instant.now()).toMillis() / 1000.0,
                    pipeline.stacks().primary().bucket(), pipeline.stacks().secondary().bucket());
            PaymentGenerator generator = PaymentGenerator.builder().seed(o.seed()).sourceRegion(DevRegion.PRIMARY.id())
                    .endingAt(Instant.now(), (long) o.batches() * o.recordsPerBatch()).build();
            PaymentStream stream = new PaymentStream(pipeline.publisher(), generator, pipeline.published(),
                    o.recordsPerBatch(), o.batchesPerSecond(), PUBLISHES_IN_FLIGHT);

            Instant publishStart = Instant.now();
            try (Progress bar = console.progress("publish", o.batches(), "batches")) {
                stream.publish(o.batches(), () -> false, () -> {
                    bar.step();
                    bar.message(pipeline.published().records() + " payments");
                });
            }
            Duration publishTime = Duration.between(publishStart, Instant.now());

            Verification verification = new Verification(pipeline);
            boolean loaded;
            try (Progress bar = console.progress("load both Regions", 2L * o.batches(), "payloads")) {
                loaded = verification.awaitLoaded(o.loadTimeout(), counts -> {
                    bar.stepTo(counts[0] + counts[1]);
                    bar.message(DevRegion.PRIMARY.id() + " " + counts[0] + ", " + DevRegion.SECONDARY.id() + " "
                            + counts[1]);
                });
            }
            Verdict verdict = verification.verify(started, loaded);
            return new RunResult(o, verdict, publishTime, stream.retries(), Duration.between(started, Instant.now()));
        }
    }

    /**
     * What a run did.
     *
     * @param publishTime time spent publishing
     * @param retries     publishes the stream retried
     * @param total       from start to verdict
     */
    public record RunResult(RunOptions options, Verdict verdict, Duration publishTime, long retries, Duration total) {
    }
}
