package io.paydr.ops;

import io.paydr.aws.TableName;
import io.paydr.ops.ReconcileReport.ConflictComparison;
import io.paydr.ops.ReconcileReport.ConflictHour;
import io.paydr.ops.ReconcileReport.HourDivergence;
import io.paydr.ops.ReconcileReport.IdSample;
import io.paydr.ops.ReconcileReport.LedgerComparison;
import io.paydr.ops.ReconcileReport.LedgerHourDivergence;
import io.paydr.ops.ReconcileReport.Totals;
import io.paydr.ops.internal.IdDiff;
import io.paydr.ops.internal.LedgerKeys;
import io.paydr.ops.internal.ReconcileSql;
import io.paydr.ops.internal.ReconcileSql.Statement;
import io.paydr.ops.internal.Warehouse;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Compares the two warehouses for a time range of occurred_at, through the Redshift Data API. Aggregates in SQL
 * (per hour: count, sum and a digest of every column of every row, both warehouses side by side) and fetches ids
 * only for the hours whose aggregates differ; the conflicts tables are compared per hour the same way (the losing
 * versions and their carriers), the ledgers per publish hour by payload key.
 *
 * <pre>{@code
 * ReconcileReport report = Reconciler.builder()
 *     .primary(WarehouseTarget.workgroup("us-east-1", "paydr-us-east-1", "payments"), primaryClient)
 *     .secondary(WarehouseTarget.workgroup("us-west-2", "paydr-us-west-2", "payments"), secondaryClient)
 *     .range(TimeRange.of(from, to))
 *     .build().reconcile();
 * }</pre>
 */
public final class Reconciler {

    private final Warehouse primary;
    private final Warehouse secondary;
    private final TimeRange range;
    private final TableName paymentsTable;
    private final TableName ledgerTable;
    private final int maxListedIds;
    private final int maxDrilledHours;

    private Reconciler(Builder b) {
        this.primary = new Warehouse(b.primaryClient, b.primaryTarget, b.statementTimeout);
        this.secondary = new Warehouse(b.secondaryClient, b.secondaryTarget, b.statementTimeout);
        this.range = b.range;
        this.paymentsTable = table(b.paymentsTable);
        this.ledgerTable = b.ledgerTable == null ? null : table(b.ledgerTable);
        this.maxListedIds = b.maxListedIds;
        this.maxDrilledHours = b.maxDrilledHours;
    }

    private static TableName table(String qualified) {
        try {
            return TableName.parse(qualified);
        } catch (IllegalArgumentException e) {
            throw new OpsConfigException("table name '" + qualified + "': " + e.getMessage());
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public TimeRange range() {
        return range;
    }

    public ReconcileReport reconcile() {
        List<Map<Instant, Totals>> buckets = onBoth(ReconcileSql.hourBuckets(paymentsTable, range),
                Reconciler::hourTotals);
        Map<Instant, Totals> p = buckets.get(0);
        Map<Instant, Totals> s = buckets.get(1);
        TreeSet<Instant> hours = new TreeSet<>(p.keySet());
        hours.addAll(s.keySet());
        List<HourDivergence> divergent = new ArrayList<>();
        for (Instant hour : hours) {
            Totals ph = p.getOrDefault(hour, Totals.NONE);
            Totals sh = s.getOrDefault(hour, Totals.NONE);
            if (!ph.equals(sh)) {
                divergent.add(divergence(hour, ph, sh, divergent.size() < maxDrilledHours));
            }
        }
        return new ReconcileReport(range, primary.target().toString(), secondary.target().toString(), sum(p), sum(s),
                hours.size(), divergent, compareConflicts(),
                ledgerTable == null ? LedgerComparison.SKIPPED : compareLedgers());
    }

    /** The losing versions each side keeps, per hour: the same versions, with the same carriers, or not. */
    private ConflictComparison compareConflicts() {
        List<Map<Instant, Totals>> buckets = onBoth(ReconcileSql.conflictHours(paymentsTable.conflicts(), range),
                Reconciler::conflictTotals);
        TreeSet<Instant> hours = new TreeSet<>(buckets.get(0).keySet());
        hours.addAll(buckets.get(1).keySet());
        List<ConflictHour> compared = new ArrayList<>();
        for (Instant hour : hours) {
            Totals p = buckets.get(0).getOrDefault(hour, Totals.NONE);
            Totals s = buckets.get(1).getOrDefault(hour, Totals.NONE);
            compared.add(new ConflictHour(hour, p.rows(), s.rows(), p.equals(s)));
        }
        return new ConflictComparison(compared);
    }

    private HourDivergence divergence(Instant hour, Totals p, Totals s, boolean drill) {
        if (!drill) {
            return new HourDivergence(hour, p, s, false, IdSample.NONE, IdSample.NONE, IdSample.NONE, IdSample.NONE);
        }
        List<List<IdDiff.Row>> rows = onBoth(ReconcileSql.transactions(paymentsTable, range.clipHour(hour)),
                Reconciler::transactionRows);
        IdDiff.Result d = IdDiff.transactions(rows.get(0), rows.get(1), maxListedIds);
        return new HourDivergence(hour, p, s, true, d.missingOnPrimary(), d.missingOnSecondary(),
                d.rowMismatches(), d.duplicates());
    }

    private LedgerComparison compareLedgers() {
        Set<Instant> inRange = new HashSet<>(range.hours());
        List<Map<Instant, Long>> buckets = onBoth(ReconcileSql.ledgerHourBuckets(ledgerTable, range),
                rows -> ledgerCounts(rows, inRange));
        Map<Instant, Long> p = buckets.get(0);
        Map<Instant, Long> s = buckets.get(1);
        TreeSet<Instant> hours = new TreeSet<>(p.keySet());
        hours.addAll(s.keySet());
        List<LedgerHourDivergence> divergent = new ArrayList<>();
        for (Instant hour : hours) {
            long ph = p.getOrDefault(hour, 0L);
            long sh = s.getOrDefault(hour, 0L);
            // equal counts are not proof of equal keys, but two ledgers built from the same messages can only
            // differ in count; drilling every hour would pull every key
            if (ph != sh) {
                List<Set<String>> keys = onBoth(ReconcileSql.ledgerKeys(ledgerTable, hour), LedgerKeys::normalized);
                divergent.add(new LedgerHourDivergence(hour, ph, sh,
                        IdDiff.sample(IdDiff.onlyIn(keys.get(0), keys.get(1)), maxListedIds),
                        IdDiff.sample(IdDiff.onlyIn(keys.get(1), keys.get(0)), maxListedIds)));
            }
        }
        return new LedgerComparison(true, total(p), total(s), divergent);
    }

    /** Runs one statement on both warehouses at once (the Data API is asynchronous) and maps both results. */
    private <T> List<T> onBoth(Statement statement, Function<List<List<String>>, T> mapper) {
        String p = primary.submit(statement.sql(), statement.parameters());
        String s = secondary.submit(statement.sql(), statement.parameters());
        return List.of(mapper.apply(primary.await(p)), mapper.apply(secondary.await(s)));
    }

    private static Map<Instant, Totals> hourTotals(List<List<String>> rows) {
        Map<Instant, Totals> m = new TreeMap<>();
        for (List<String> r : rows) {
            m.put(ReconcileSql.parseHour(Warehouse.stringOf(r.get(0))), new Totals(Warehouse.longOf(r.get(1)),
                    Warehouse.longOf(r.get(2)), decimal(r.get(3)), decimal(r.get(4))));
        }
        return m;
    }

    /** Hour label, versions, digest: kept as Totals without an amount. */
    private static Map<Instant, Totals> conflictTotals(List<List<String>> rows) {
        Map<Instant, Totals> m = new TreeMap<>();
        for (List<String> r : rows) {
            m.put(ReconcileSql.parseHour(Warehouse.stringOf(r.get(0))), new Totals(Warehouse.longOf(r.get(1)), 0,
                    decimal(r.get(2)), decimal(r.get(3))));
        }
        return m;
    }

    private static BigInteger decimal(String field) {
        return new BigDecimal(Warehouse.stringOf(field).strip()).toBigIntegerExact();
    }

    private static List<IdDiff.Row> transactionRows(List<List<String>> rows) {
        List<IdDiff.Row> out = new ArrayList<>(rows.size());
        for (List<String> r : rows) {
            out.add(new IdDiff.Row(Warehouse.stringOf(r.get(0)), Warehouse.stringOf(r.get(1))));
        }
        return out;
    }

    private static Map<Instant, Long> ledgerCounts(List<List<String>> rows, Set<Instant> inRange) {
        Map<Instant, Long> m = new TreeMap<>();
        for (List<String> r : rows) {
            Instant hour = LedgerKeys.hourOfLabel(Warehouse.stringOf(r.get(0)));
            if (hour != null && inRange.contains(hour)) {
                m.merge(hour, Warehouse.longOf(r.get(1)), Long::sum);
            }
        }
        return m;
    }

    private static Totals sum(Map<Instant, Totals> hours) {
        return hours.values().stream().reduce(Totals.NONE, Totals::plus);
    }

    private static long total(Map<Instant, Long> hours) {
        return hours.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Fluent, single-use builder; the built Reconciler is immutable. */
    public static final class Builder {
        private WarehouseTarget primaryTarget;
        private RedshiftDataClient primaryClient;
        private WarehouseTarget secondaryTarget;
        private RedshiftDataClient secondaryClient;
        private TimeRange range;
        private String paymentsTable = "public.payments";
        private String ledgerTable = "public.payments_ingest_ledger";
        private int maxListedIds = 20;
        private int maxDrilledHours = 48;
        private Duration statementTimeout = Duration.ofMinutes(15);

        private Builder() {
        }

        /** The primary warehouse and a Data API client in its Region. */
        public Builder primary(WarehouseTarget target, RedshiftDataClient client) {
            this.primaryTarget = target;
            this.primaryClient = client;
            return this;
        }

        public Builder secondary(WarehouseTarget target, RedshiftDataClient client) {
            this.secondaryTarget = target;
            this.secondaryClient = client;
            return this;
        }

        /** The range of occurred_at to compare (and of publish hours for the ledgers). */
        public Builder range(TimeRange range) {
            this.range = range;
            return this;
        }

        public Builder paymentsTable(String table) {
            this.paymentsTable = table;
            return this;
        }

        /** The ingest ledger; {@code null} skips the ledger comparison. */
        public Builder ledgerTable(String table) {
            this.ledgerTable = table;
            return this;
        }

        /** How many ids each list of the report names (counts are always exact). Default 20. */
        public Builder maxListedIds(int n) {
            this.maxListedIds = requirePositive(n, "maxListedIds");
            return this;
        }

        /** How many diverging hours are drilled into for ids (the rest are reported by totals). Default 48. */
        public Builder maxDrilledHours(int n) {
            this.maxDrilledHours = requirePositive(n, "maxDrilledHours");
            return this;
        }

        public Builder statementTimeout(Duration timeout) {
            this.statementTimeout = Objects.requireNonNull(timeout, "statementTimeout");
            return this;
        }

        public Reconciler build() {
            require(primaryTarget != null && primaryClient != null, "primary warehouse and client");
            require(secondaryTarget != null && secondaryClient != null, "secondary warehouse and client");
            require(range != null, "time range");
            return new Reconciler(this);
        }

        private static void require(boolean present, String what) {
            if (!present) {
                throw new OpsConfigException("reconcile needs the " + what);
            }
        }

        private static int requirePositive(int n, String what) {
            if (n < 1) {
                throw new OpsConfigException(what + " must be at least 1");
            }
            return n;
        }
    }
}
