package io.paydr.ops.cli;

import io.paydr.ops.ReconcileReport;
import io.paydr.ops.ReconcileReport.ConflictComparison;
import io.paydr.ops.ReconcileReport.ConflictHour;
import io.paydr.ops.ReconcileReport.HourDivergence;
import io.paydr.ops.ReconcileReport.IdSample;
import io.paydr.ops.ReconcileReport.LedgerComparison;
import io.paydr.ops.ReconcileReport.LedgerHourDivergence;
import io.paydr.ops.ReconcileReport.Totals;

import java.util.List;
import java.util.Map;

/** Renders a reconcile report for people (text) and for scripts (JSON). */
final class ReconcileFormat {

    private ReconcileFormat() {
    }

    static String text(ReconcileReport r) {
        StringBuilder b = new StringBuilder();
        b.append("reconcile occurred_at ").append(r.range()).append('\n');
        side(b, "primary  ", r.primary(), r.primaryTotals());
        side(b, "secondary", r.secondary(), r.secondaryTotals());
        b.append("  hours with rows: ").append(r.hoursCompared()).append(", diverging: ")
                .append(r.divergentHours().size()).append('\n');
        for (HourDivergence h : r.divergentHours()) {
            b.append("  DIVERGING hour ").append(h.hour()).append(": primary ").append(totals(h.primary()))
                    .append(", secondary ").append(totals(h.secondary())).append('\n');
            if (!h.drilled()) {
                b.append("    (ids not fetched: more diverging hours than --max-drill-hours)\n");
                continue;
            }
            ids(b, "missing on secondary (only on primary)", h.missingOnSecondary());
            ids(b, "missing on primary (only on secondary)", h.missingOnPrimary());
            ids(b, "row differs (some column)", h.rowMismatches());
            ids(b, "stored more than once", h.duplicates());
        }
        conflicts(b, r.conflicts());
        ledger(b, r.ledger());
        b.append(r.equal() ? "VERDICT: EQUAL\n" : "VERDICT: DIVERGED\n");
        return b.toString();
    }

    static String json(ReconcileReport r) {
        return Json.write(Json.object(
                "verdict", r.equal() ? "EQUAL" : "DIVERGED",
                "from", r.range().from(), "to", r.range().to(),
                "primary", Json.object("warehouse", r.primary(), "rows", r.primaryTotals().rows(),
                        "amountMinorSum", r.primaryTotals().amountSum(), "rowDigest", r.primaryTotals().digest()),
                "secondary", Json.object("warehouse", r.secondary(), "rows", r.secondaryTotals().rows(),
                        "amountMinorSum", r.secondaryTotals().amountSum(), "rowDigest", r.secondaryTotals().digest()),
                "hoursCompared", r.hoursCompared(),
                "divergentHours", r.divergentHours().stream().map(ReconcileFormat::hourJson).toList(),
                "conflicts", Json.object("primaryVersions", r.conflicts().primaryVersions(),
                        "secondaryVersions", r.conflicts().secondaryVersions(), "equal", r.conflicts().equal(),
                        "hours", r.conflicts().hours().stream().map(h -> Json.object("hour", h.hour(),
                                "primaryVersions", h.primaryVersions(), "secondaryVersions", h.secondaryVersions(),
                                "same", h.same())).toList()),
                "ledger", ledgerJson(r.ledger())));
    }

    private static void side(StringBuilder b, String label, String warehouse, Totals t) {
        b.append("  ").append(label).append(' ').append(warehouse).append(": ").append(totals(t)).append('\n');
    }

    private static String totals(Totals t) {
        return t.rows() + " rows, amount_minor sum " + t.amountSum() + ", row digest " + t.digest();
    }

    private static void ids(StringBuilder b, String label, IdSample s) {
        if (s.isEmpty()) {
            return;
        }
        b.append("    ").append(label).append(" (").append(s.count()).append("): ").append(String.join(", ", s.ids()));
        if (s.count() > s.ids().size()) {
            b.append(", ... ").append(s.count() - s.ids().size()).append(" more");
        }
        b.append('\n');
    }

    /** Conflicts per hour: an operator sees where records conflicted, and whether both Regions kept the same losers. */
    private static void conflicts(StringBuilder b, ConflictComparison c) {
        b.append("  conflicts (losing versions kept): primary ").append(c.primaryVersions()).append(", secondary ")
                .append(c.secondaryVersions()).append('\n');
        for (ConflictHour h : c.hours()) {
            b.append("    hour ").append(h.hour()).append(": primary ").append(h.primaryVersions()).append(", secondary ")
                    .append(h.secondaryVersions()).append(h.same() ? ", same versions" : ", DIVERGING versions")
                    .append('\n');
        }
    }

    private static void ledger(StringBuilder b, LedgerComparison l) {
        if (!l.checked()) {
            b.append("  ledger: not compared\n");
            return;
        }
        b.append("  ledger: primary ").append(l.primaryPayloads()).append(" payloads, secondary ")
                .append(l.secondaryPayloads()).append(" payloads\n");
        for (LedgerHourDivergence h : l.divergentHours()) {
            b.append("  DIVERGING ledger hour ").append(h.hour()).append(": primary ").append(h.primaryPayloads())
                    .append(", secondary ").append(h.secondaryPayloads()).append(" payloads\n");
            ids(b, "only on primary", h.onlyOnPrimary());
            ids(b, "only on secondary", h.onlyOnSecondary());
        }
    }

    private static Map<String, Object> hourJson(HourDivergence h) {
        return Json.object("hour", h.hour(),
                "primary", Json.object("rows", h.primary().rows(), "amountMinorSum", h.primary().amountSum()),
                "secondary", Json.object("rows", h.secondary().rows(), "amountMinorSum", h.secondary().amountSum()),
                "drilled", h.drilled(),
                "missingOnPrimary", sampleJson(h.missingOnPrimary()),
                "missingOnSecondary", sampleJson(h.missingOnSecondary()),
                "rowMismatches", sampleJson(h.rowMismatches()),
                "duplicates", sampleJson(h.duplicates()));
    }

    private static Map<String, Object> ledgerJson(LedgerComparison l) {
        return Json.object("checked", l.checked(), "primaryPayloads", l.primaryPayloads(),
                "secondaryPayloads", l.secondaryPayloads(),
                "divergentHours", l.divergentHours().stream().map(h -> Json.object("hour", h.hour(),
                        "primaryPayloads", h.primaryPayloads(), "secondaryPayloads", h.secondaryPayloads(),
                        "onlyOnPrimary", sampleJson(h.onlyOnPrimary()),
                        "onlyOnSecondary", sampleJson(h.onlyOnSecondary()))).toList());
    }

    private static Map<String, Object> sampleJson(IdSample s) {
        return Json.object("count", s.count(), "ids", List.copyOf(s.ids()));
    }
}
