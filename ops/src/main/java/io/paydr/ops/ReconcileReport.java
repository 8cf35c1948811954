package io.paydr.ops;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * What reconcile found for a time range: totals on each side, every hour whose rows differ (count, sum or the
 * digest of every column) with the ids behind the difference, the conflicts tables per hour, and the ledgers
 * compared by payload key. {@link #equal()} is the verdict.
 *
 * @param hoursCompared hours that had rows on at least one side
 */
public record ReconcileReport(TimeRange range, String primary, String secondary, Totals primaryTotals,
                              Totals secondaryTotals, int hoursCompared, List<HourDivergence> divergentHours,
                              ConflictComparison conflicts, LedgerComparison ledger) {

    public ReconcileReport {
        divergentHours = List.copyOf(divergentHours);
    }

    /**
     * Both warehouses hold the same rows (every column, per hour), keep the same losing versions in their conflicts
     * tables and the same payloads in their ledgers.
     */
    public boolean equal() {
        return divergentHours.isEmpty() && primaryTotals.equals(secondaryTotals) && conflicts.equal() && ledger.equal();
    }

    /**
     * Rows, the sum of amount_minor, and the digest of the rows (two sums of slices of each row's SHA-256, as the
     * warehouse computed them) of one side.
     */
    public record Totals(long rows, long amountSum, BigInteger digestA, BigInteger digestB) {
        public static final Totals NONE = new Totals(0, 0, BigInteger.ZERO, BigInteger.ZERO);

        public Totals plus(Totals other) {
            return new Totals(Math.addExact(rows, other.rows), Math.addExact(amountSum, other.amountSum),
                    digestA.add(other.digestA), digestB.add(other.digestB));
        }

        /** The digest as one hex string, for reports. */
        public String digest() {
            return digestA.toString(16) + ":" + digestB.toString(16);
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
     * only (missing on the primary), rows on the primary only, ids on both sides whose rows differ in any column,
     * and ids stored more than once on a side (keys are not enforced by Redshift).
     */
    public record HourDivergence(Instant hour, Totals primary, Totals secondary, boolean drilled,
                                 IdSample missingOnPrimary, IdSample missingOnSecondary, IdSample rowMismatches,
                                 IdSample duplicates) {
    }

    /** One hour of the conflicts tables: the losing versions each side keeps, and whether they are the same. */
    public record ConflictHour(Instant hour, long primaryVersions, long secondaryVersions, boolean same) {
    }

    /** The conflicts tables compared per hour of occurred_at (every hour with conflicts on either side). */
    public record ConflictComparison(List<ConflictHour> hours) {
        public ConflictComparison {
            hours = List.copyOf(hours);
        }

        public boolean equal() {
            return hours.stream().allMatch(ConflictHour::same);
        }

        public long primaryVersions() {
            return hours.stream().mapToLong(ConflictHour::primaryVersions).sum();
        }

        public long secondaryVersions() {
            return hours.stream().mapToLong(ConflictHour::secondaryVersions).sum();
        }
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
