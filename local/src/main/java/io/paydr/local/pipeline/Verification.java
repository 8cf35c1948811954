package io.paydr.local.pipeline;

import io.paydr.devstack.DevRegion;
import io.paydr.local.eventsource.IngestLag;
import io.paydr.ops.ReconcileReport;
import io.paydr.ops.Reconciler;
import io.paydr.ops.TimeRange;
import io.paydr.ops.WarehouseTarget;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The end of every run and drill: wait until both Regions have loaded every published payload, then
 * check each warehouse row by row against the published set, read the DLQ depths, and run ops'
 * reconcile between the two warehouses through the Data API.
 */
public final class Verification {

    private static final long POLL_MILLIS = 250;

    private final LocalPipeline pipeline;

    public Verification(LocalPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * Waits until both ledgers hold every published payload; reports (primary, secondary) counts to
     * {@code progress} as they change. Returns false on timeout.
     */
    public boolean awaitLoaded(Duration timeout, Consumer<long[]> progress) {
        long target = pipeline.published().payloads();
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            long[] loaded = {pipeline.ledgerPayloads(DevRegion.PRIMARY), pipeline.ledgerPayloads(DevRegion.SECONDARY)};
            progress.accept(loaded);
            if (loaded[0] >= target && loaded[1] >= target) {
                return true;
            }
            if (System.nanoTime() > end) {
                return false;
            }
            sleep(POLL_MILLIS);
        }
    }

    /** Checks both Regions and reconciles them over the hours that the run touched. */
    public Verdict verify(Instant runStart, boolean loadedInTime) {
        List<RegionOutcome> regions = new ArrayList<>();
        var published = pipeline.published().snapshot();
        for (DevRegion r : DevRegion.values()) {
            IngestLag lag = pipeline.ingest(r).lag();
            WarehouseSnapshot snapshot = WarehouseSnapshot.read(pipeline.devstack().jdbcUrl(r));
            regions.add(new RegionOutcome(r.id(), r == DevRegion.PRIMARY ? "primary" : "secondary",
                    snapshot.ledgerPayloads(), PublishedComparison.of(published, snapshot.rows()),
                    pipeline.deadLetterDepth(r), lag.percentileMillis(50), lag.percentileMillis(99), lag.maxMillis(),
                    pipeline.ingest(r).stats()));
        }
        return new Verdict(pipeline.published().payloads(), pipeline.published().records(), loadedInTime, regions,
                reconcile(runStart));
    }

    private ReconcileReport reconcile(Instant runStart) {
        TimeWindow occurred = pipeline.published().occurredRange().orElse(new TimeWindow(runStart, Instant.now()));
        Instant from = min(occurred.start(), runStart).truncatedTo(ChronoUnit.HOURS);
        Instant to = max(occurred.end(), Instant.now()).truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        try (RedshiftDataClient primary = pipeline.devstack().redshiftData(DevRegion.PRIMARY);
             RedshiftDataClient secondary = pipeline.devstack().redshiftData(DevRegion.SECONDARY)) {
            return Reconciler.builder()
                    .primary(target(DevRegion.PRIMARY), primary)
                    .secondary(target(DevRegion.SECONDARY), secondary)
                    .range(TimeRange.of(from, to))
                    .statementTimeout(Duration.ofMinutes(2))
                    .build().reconcile();
        }
    }

    private static WarehouseTarget target(DevRegion r) {
        return WarehouseTarget.workgroup(r.id(), StackParameters.workgroup(r.id()), StackParameters.DATABASE);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the loads", e);
        }
    }
}
