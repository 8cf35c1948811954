package io.paydr.local.pipeline;

import io.paydr.ops.ReconcileReport;

import java.util.List;

/**
 * The final verdict of a run or drill: everything published was loaded in time, each warehouse equals the
 * published set, no message went to a DLQ, and reconcile finds both warehouses equal.
 */
public record Verdict(long publishedPayloads, int publishedRecords, boolean loadedInTime,
                      List<RegionOutcome> regions, ReconcileReport reconcile) {

    public Verdict {
        regions = List.copyOf(regions);
    }

    public boolean ok() {
        return loadedInTime && reconcile.equal() && regions.stream().allMatch(RegionOutcome::ok);
    }
}
