package io.paydr.local.run;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.local.generator.PaymentGenerator;
import io.paydr.local.pipeline.LocalPipeline;
import io.paydr.local.pipeline.PaymentStream;
import io.paydr.local.pipeline.Verdict;
import io.paydr.local.pipeline.Verification;
import io.paydr.local.report.Progress;
import io.paydr.local.report.VerdictFormat;
import me.tongfei.progressbar.ProgressBar;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The local run: the whole two-Region pipeline on devstack, N batches of synthetic payments published
 * through the publisher client, both Regions loading them through their event source mappings, then the
 * verdict (see {@link Verification}).
 */
public final class LocalRun {

    /** Publishes in flight at once, as an application with a few request threads would have. */
    private static final int PUBLISHES_IN_FLIGHT = 4;

    private LocalRun() {
    }

    /** Runs against the given devstack, printing progress and the report; returns the verdict. */
    public static RunResult execute(Devstack devstack, RunOptions o, PrintStream out) {
        Instant started = Instant.now();
        try (LocalPipeline pipeline = LocalPipeline.start(devstack, o.pipeline())) {
            out.printf(Locale.ROOT, "stacks ready in %.1f s: %s -> %s (replica), topics, queues+DLQs, schema V1%n",
                    Duration.between(started, Instant.now()).toMillis() / 1000.0, pipeline.stacks().primary().bucket(),
                    pipeline.stacks().secondary().bucket());
            PaymentGenerator generator = PaymentGenerator.builder().seed(o.seed()).sourceRegion(DevRegion.PRIMARY.id())
                    .endingAt(Instant.now(), (long) o.batches() * o.recordsPerBatch()).build();
            PaymentStream stream = new PaymentStream(pipeline.publisher(), generator, pipeline.published(),
                    o.recordsPerBatch(), o.batchesPerSecond(), PUBLISHES_IN_FLIGHT);

            Instant publishStart = Instant.now();
            try (ProgressBar bar = Progress.bar("publish", o.batches(), "batches", out)) {
                stream.publish(o.batches(), () -> false, () -> {
                    bar.step();
                    bar.setExtraMessage(" " + pipeline.published().records() + " payments");
                });
            }
            Duration publishTime = Duration.between(publishStart, Instant.now());

            Verification verification = new Verification(pipeline);
            boolean loaded;
            try (ProgressBar bar = Progress.bar("load both Regions", 2L * o.batches(), "payloads", out)) {
                loaded = verification.awaitLoaded(o.loadTimeout(), counts -> {
                    bar.stepTo(counts[0] + counts[1]);
                    bar.setExtraMessage(" " + DevRegion.PRIMARY.id() + " " + counts[0] + ", " + DevRegion.SECONDARY.id()
                            + " " + counts[1]);
                });
            }
            Verdict verdict = verification.verify(started, loaded);
            Duration total = Duration.between(started, Instant.now());
            out.printf(Locale.ROOT, "published %d batches x %d payments (%s, seed %d) in %.1f s, %d publish retries;"
                            + " run took %.1f s%n", pipeline.published().payloads(),
                    o.recordsPerBatch(), o.pipeline().gzip() ? "gzip" : "identity", o.seed(),
                    publishTime.toMillis() / 1000.0, stream.retries(), total.toMillis() / 1000.0);
            VerdictFormat.print(out, verdict);
            return new RunResult(verdict, publishTime, total);
        }
    }

    /** @param publishTime time spent publishing; @param total from start to verdict */
    public record RunResult(Verdict verdict, Duration publishTime, Duration total) {
    }
}
