package io.paydr.local.drill;

import io.paydr.cli.Console;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.devstack.faults.FaultSpec;
import io.paydr.devstack.faults.Service;
import io.paydr.local.eventsource.IngestLag;
import io.paydr.local.eventsource.LagSample;
import io.paydr.local.pipeline.RegionIngest;
import io.paydr.local.pipeline.Verdict;
import io.paydr.local.report.LagChart;
import io.paydr.local.pipeline.TimeWindow;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Region-failure drill: while the application keeps publishing in the primary Region (S3 + SNS stay up),
 * the primary's consumer (its event source mapping) and its warehouse (its Data API, answering 500) go
 * down for a while, then come back. Messages keep arriving in the primary's queue and wait there, as
 * SQS retains them; the secondary keeps loading. Measured: the secondary's lag during the outage, the
 * primary's maximum lag (its RPO), the time from recovery until the primary's backlog is loaded (its
 * RTO), and the final verdict. The report is {@link io.paydr.local.report.DrillReport}'s.
 */
public final class RegionOutageDrill {

    private RegionOutageDrill() {
    }

    /**
     * @param secondaryDuringOutage      secondary lag p50/p99/max (ms) of the messages that arrived during the
     *                                   outage (the primary's copies of them waited for its recovery)
     * @param secondaryLoadsDuringOutage how many such messages the secondary loaded
     * @param rpoMillis             the primary's maximum ingest lag
     * @param rtoMillis             recovery until the last message sent before recovery was loaded
     * @param backlog               primary messages that waited out the outage
     * @param start                 when publishing started (t+0)
     * @param warehouseDownAt       when the primary's warehouse went down (after the loads in flight)
     */
    public record Result(DrillOptions options, Verdict verdict, TimeWindow outage, long[] secondaryDuringOutage,
                         long secondaryLoadsDuringOutage, long rpoMillis,
                         long rtoMillis, Instant caughtUpAt, long backlog, Path chart, Instant start,
                         Instant warehouseDownAt) {
        public boolean ok() {
            return verdict.ok() && chart != null;
        }
    }

    public static Result execute(Devstack devstack, DrillOptions o, Console console) {
        try (DrillRun run = new DrillRun(devstack, o, console)) {
            RegionIngest primary = run.pipeline().ingest(DevRegion.PRIMARY);
            RegionIngest secondary = run.pipeline().ingest(DevRegion.SECONDARY);
            console.err().printf(Locale.ROOT, "drill region-outage: publishing %d s at %.1f batches/s; %s consumer + warehouse"
                            + " down from t+%d s for %d s%n", o.duration().toSeconds(), o.batchesPerSecond(),
                    DevRegion.PRIMARY.id(), o.faultAfter().toSeconds(), o.faultLength().toSeconds());
            // The mapping is disabled at once; the warehouse goes down when the loads in flight have
            // finished, so no load is cut off half-way (it would otherwise come back only after the
            // visibility timeout, 6 minutes with the template's values).
            AtomicReference<CompletableFuture<Void>> warehouseDown = new AtomicReference<>();
            AtomicReference<Instant> warehouseDownAt = new AtomicReference<>();
            TimeWindow outage = run.publishThroughFault(DevRegion.PRIMARY.id() + " consumer + warehouse down",
                    () -> warehouseDown.set(primary.stopAsync().thenRun(() -> {
                        devstack.faults().set(Service.REDSHIFT_DATA, DevRegion.PRIMARY, FaultSpec.serverErrors(1.0));
                        warehouseDownAt.set(Instant.now());
                    })),
                    () -> {
                        warehouseDown.get().join();
                        devstack.faults().set(Service.REDSHIFT_DATA, DevRegion.PRIMARY, FaultSpec.NONE);
                        primary.start();
                    },
                    now -> { });
            Verdict verdict = run.finish(now -> { });

            IngestLag p = primary.lag();
            IngestLag s = secondary.lag();
            long[] secondaryDuring = {s.percentileMillisOfSent(50, outage.start(), outage.end()),
                    s.percentileMillisOfSent(99, outage.start(), outage.end()),
                    s.percentileMillisOfSent(100, outage.start(), outage.end())};
            long secondaryLoads = s.countSent(outage.start(), outage.end());
            List<LagSample> backlog = backlog(p, outage.end());
            Instant caughtUp = backlog.stream().map(LagSample::committedAt).max(Instant::compareTo)
                    .orElse(outage.end());
            long rto = Duration.between(outage.end(), caughtUp).toMillis();
            Path chart = new LagChart("Region outage drill: " + DevRegion.PRIMARY.id() + " consumer + warehouse down "
                    + o.faultLength().toSeconds() + " s", run.start(), List.of(p, s))
                    .faultWindow(outage, DevRegion.PRIMARY.id() + " consumer + warehouse down")
                    .caughtUpAt(caughtUp)
                    .writePng(o.chart());

            return new Result(o, verdict, outage, secondaryDuring, secondaryLoads, p.maxMillis(), rto, caughtUp,
                    backlog.size(), chart, run.start(), warehouseDownAt.get());
        }
    }

    /** Primary loads committed after recovery of messages that arrived in the queue before it. */
    static List<LagSample> backlog(IngestLag lag, Instant recoveredAt) {
        return lag.samples().stream()
                .filter(x -> !x.committedAt().isBefore(recoveredAt))
                .filter(x -> x.committedAt().minusMillis(x.lagMillis()).isBefore(recoveredAt))
                .toList();
    }
}
