package io.paydr.ops;

import java.time.Instant;
import java.util.List;

/**
 * What reconcile found for a time range: totals on each side, every hour whose (count, sum) differ with the ids
 * behind the difference, and the ledgers compared by payload key. {@link #equal()} is the verdict.
 *
 * @param hoursCompared hours that had rows on at least one side
 */
public record ReconcileReport(TimeRange range, String primary, String secondary, Totals primaryTotals,
                              Totals secondaryTotals, int hoursCompared, List<HourDivergence> divergentHours,
                              LedgerComparison ledger) {

    public ReconcileReport {
        divergentHours = List.copyOf(divergentHours);
    }

    /** Both warehouses hold the same rows (by count, sum and hour) and the same payloads in their ledgers. */
    public boolean equal() {
        return divergentHours.isEmpty() && primaryTotals.equals(secondaryTotals) && ledger.equal();
    }

    /** Rows and the sum of amount_minor of one side. */
    public record Totals(long rows, long amountSum) {
        public static final Totals NONE = new Totals(0, 0);

        public Totals plus(Totals other) {
            return new Totals(Math.addExact(rows, other.rows), Math.addExact(amountSum, other.amountSum));
        }
    }

    /** A count that is always exact and the first ids (sorted) up to the configured bound. */
    public record IdSample(long count, List<String> ids) {
        public static final IdSample NONE = new IdSample(0, List.of());

        public IdSample {
            ids = List.copyOf(ids);
        }

        public boolean isEmpty() {
            return count == 0;
        }
    }

    /**
     * One hour of occurred_at whose totals differ. When {@code drilled}, the ids are known: rows on the secondary
     * only (missing on the primary), rows on the primary only, ids on both sides with different amounts, and ids
     * stored more than once on a side (keys are not enforced by Redshift).
     */
    public record HourDivergence(Instant hour, Totals primary, Totals secondary, boolean drilled,
                                 IdSample missingOnPrimary, IdSample missingOnSecondary, IdSample amountMismatches,
                                 IdSample duplicates) {
    }

    /** One publish hour whose ledgers hold different payload keys. */
    public record LedgerHourDivergence(Instant hour, long primaryPayloads, long secondaryPayloads,
                                       IdSample onlyOnPrimary, IdSample onlyOnSecondary) {
    }

    /** The ledgers (payloads loaded) compared by publish hour and payload key; {@code checked=false} if skipped. */
    public record LedgerComparison(boolean checked, long primaryPayloads, long secondaryPayloads,
                                   List<LedgerHourDivergence> divergentHours) {
        public static final LedgerComparison SKIPPED = new LedgerComparison(false, 0, 0, List.of());

        public LedgerComparison {
            divergentHours = List.copyOf(divergentHours);
        }

        public boolean equal() {
            return divergentHours.isEmpty() && primaryPayloads == secondaryPayloads;
        }
    }
}
