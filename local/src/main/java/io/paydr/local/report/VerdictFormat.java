package io.paydr.local.report;

import io.paydr.local.pipeline.RegionOutcome;
import io.paydr.local.pipeline.Verdict;
import io.paydr.ops.ReconcileReport;

import java.io.PrintStream;
import java.util.Locale;

/** Prints a verdict as the table every run and drill ends with. */
public final class VerdictFormat {

    private VerdictFormat() {
    }

    public static void print(PrintStream out, Verdict v) {
        out.printf(Locale.ROOT, "%-10s %-9s %9s %9s %9s %9s %9s %4s  %s%n", "region", "role", "payloads", "rows",
                "lag p50", "lag p99", "lag max", "DLQ", "warehouse vs published");
        for (RegionOutcome r : v.regions()) {
            out.printf(Locale.ROOT, "%-10s %-9s %9s %9d %9s %9s %9s %4d  %s%n", r.regionId(), r.role(),
                    r.payloadsLoaded() + "/" + v.publishedPayloads(), r.comparison().loadedRows(),
                    seconds(r.lagP50Millis()), seconds(r.lagP99Millis()), seconds(r.lagMaxMillis()), r.deadLetters(),
                    comparison(r));
        }
        ReconcileReport rec = v.reconcile();
        out.printf(Locale.ROOT, "reconcile %s..%s (ops Reconciler, Data API): %s — primary %d rows, sum %d; "
                        + "secondary %d rows, sum %d; %d hour(s), %d diverging; ledgers %d vs %d payloads%n",
                rec.range().from(), rec.range().to(), rec.equal() ? "EQUAL" : "DIVERGED",
                rec.primaryTotals().rows(), rec.primaryTotals().amountSum(), rec.secondaryTotals().rows(),
                rec.secondaryTotals().amountSum(), rec.hoursCompared(), rec.divergentHours().size(),
                rec.ledger().primaryPayloads(), rec.ledger().secondaryPayloads());
        if (!v.loadedInTime()) {
            out.println("NOT everything was loaded before the timeout");
        }
        out.println("verdict: " + (v.ok() ? "MATCH — both warehouses equal the " + v.publishedRecords()
                + " published payments, nothing in a DLQ" : "MISMATCH"));
    }

    public static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    private static String comparison(RegionOutcome r) {
        var c = r.comparison();
        if (c.equal()) {
            return "equal (" + c.published() + " rows)";
        }
        return "missing " + c.missing() + ", unexpected " + c.unexpected() + ", different " + c.different()
                + ", duplicated " + c.duplicated();
    }
}
