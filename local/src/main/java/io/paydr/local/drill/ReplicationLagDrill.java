package io.paydr.local.drill;

import io.paydr.cli.Console;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.local.pipeline.LocalPipeline;
import io.paydr.local.pipeline.Verdict;
import io.paydr.local.report.LagChart;
import io.paydr.local.pipeline.TimeWindow;
import io.paydr.local.stack.ReplicationEmulator;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replication-lag drill: S3 replication from the primary's bucket to the secondary's falls behind by
 * {@code replicationDelay} for a while, so the secondary's ingest function finds the replica missing and
 * must fall back to the source bucket (or retry). Passes when everything still loads in both Regions and
 * nothing goes to a DLQ. Measured: how far the secondary got ahead of replication (payloads it loaded
 * whose replica did not exist yet) and the secondary's lag meanwhile. The report is
 * {@link io.paydr.local.report.DrillReport}'s.
 */
public final class ReplicationLagDrill {

    private ReplicationLagDrill() {
    }

    /**
     * @param aheadOfReplication most payloads the secondary had loaded beyond those replicated at one time
     * @param maxPendingReplicas most objects waiting for replication at one time
     * @param secondaryDuringLag secondary lag p50/p99/max (ms) of the messages that arrived in the window
     * @param start              when publishing started (t+0)
     */
    public record Result(DrillOptions options, Verdict verdict, TimeWindow lagWindow, Duration replicationDelay,
                         long aheadOfReplication, long maxPendingReplicas, long[] secondaryDuringLag, Path chart,
                         Instant start) {
        public boolean ok() {
            return verdict.ok() && chart != null;
        }
    }

    public static Result execute(Devstack devstack, DrillOptions o, Duration replicationDelay, Console console) {
        try (DrillRun run = new DrillRun(devstack, o, console)) {
            LocalPipeline pipeline = run.pipeline();
            ReplicationEmulator crr = pipeline.replication();
            Duration normalDelay = crr.delay();
            AtomicLong ahead = new AtomicLong();
            AtomicLong pending = new AtomicLong();
            console.err().printf(Locale.ROOT, "drill replication-lag: publishing %d s at %.1f batches/s; replication %s -> %s"
                            + " delayed to %d s from t+%d s for %d s%n", o.duration().toSeconds(), o.batchesPerSecond(),
                    pipeline.stacks().primary().bucket(), pipeline.stacks().secondary().bucket(),
                    replicationDelay.toSeconds(), o.faultAfter().toSeconds(), o.faultLength().toSeconds());
            String faultName = "replication delayed to " + replicationDelay.toSeconds() + " s";
            TimeWindow window = run.publishThroughFault(faultName, () -> crr.delay(replicationDelay),
                    () -> crr.delay(normalDelay), now -> sample(pipeline, crr, ahead, pending));
            Verdict verdict = run.finish(now -> sample(pipeline, crr, ahead, pending));

            var s = pipeline.ingest(DevRegion.SECONDARY).lag();
            long[] during = {s.percentileMillisOfSent(50, window.start(), window.end()),
                    s.percentileMillisOfSent(99, window.start(), window.end()),
                    s.percentileMillisOfSent(100, window.start(), window.end())};
            Path chart = new LagChart("Replication-lag drill: " + faultName, run.start(),
                    List.of(pipeline.ingest(DevRegion.PRIMARY).lag(), s))
                    .faultWindow(window, faultName)
                    .writePng(o.chart());

            return new Result(o, verdict, window, replicationDelay, ahead.get(), pending.get(), during, chart,
                    run.start());
        }
    }

    private static void sample(LocalPipeline pipeline, ReplicationEmulator crr, AtomicLong ahead, AtomicLong pending) {
        // loaded first: replication only grows meanwhile, so the difference never overstates the lead
        long loaded = pipeline.ledgerPayloads(DevRegion.SECONDARY);
        long replicated = crr.replicatedPayloadCount();
        ahead.accumulateAndGet(loaded - replicated, Math::max);
        pending.accumulateAndGet(crr.pendingCount(), Math::max);
    }
}
