package io.paydr.ops.internal;

import io.paydr.ops.ReconcileReport.IdSample;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the rows of one slice of time from both warehouses. Works on maps, not on the warehouse's ORDER BY, since
 * a database collation need not agree with Java's string order.
 */
public final class IdDiff {

    /** A (transaction_id, amount_minor) row. */
    public record Row(String id, long amountMinor) {
    }

    /** The differences, each as an exact count plus a bounded sorted sample. */
    public record Result(IdSample missingOnPrimary, IdSample missingOnSecondary, IdSample amountMismatches,
                         IdSample duplicates) {
    }

    private IdDiff() {
    }

    public static Result transactions(Collection<Row> primary, Collection<Row> secondary, int limit) {
        Map<String, List<Long>> p = byId(primary);
        Map<String, List<Long>> s = byId(secondary);
        TreeSet<String> mismatched = new TreeSet<>();
        for (Map.Entry<String, List<Long>> e : p.entrySet()) {
            List<Long> other = s.get(e.getKey());
            if (other != null && !sameAmounts(e.getValue(), other)) {
                mismatched.add(e.getKey());
            }
        }
        TreeSet<String> duplicates = new TreeSet<>();
        p.forEach((id, amounts) -> addIf(amounts.size() > 1, id, duplicates));
        s.forEach((id, amounts) -> addIf(amounts.size() > 1, id, duplicates));
        return new Result(sample(onlyIn(s.keySet(), p.keySet()), limit), sample(onlyIn(p.keySet(), s.keySet()), limit),
                sample(mismatched, limit), sample(duplicates, limit));
    }

    /** Keys in {@code a} that are not in {@code b}, sorted. */
    public static TreeSet<String> onlyIn(Set<String> a, Set<String> b) {
        TreeSet<String> only = new TreeSet<>();
        for (String k : a) {
            addIf(!b.contains(k), k, only);
        }
        return only;
    }

    public static IdSample sample(TreeSet<String> sorted, int limit) {
        List<String> ids = new ArrayList<>(Math.min(limit, sorted.size()));
        for (String id : sorted) {
            if (ids.size() == limit) {
                break;
            }
            ids.add(id);
        }
        return new IdSample(sorted.size(), ids);
    }

    private static Map<String, List<Long>> byId(Collection<Row> rows) {
        Map<String, List<Long>> m = new HashMap<>(rows.size() * 2);
        for (Row r : rows) {
            m.computeIfAbsent(r.id(), k -> new ArrayList<>(1)).add(r.amountMinor());
        }
        return m;
    }

    private static boolean sameAmounts(List<Long> a, List<Long> b) {
        // distinct amounts: a duplicate of the same row is reported as a duplicate, not as a mismatch
        return new TreeSet<>(a).equals(new TreeSet<>(b));
    }

    private static void addIf(boolean condition, String id, Set<String> into) {
        if (condition) {
            into.add(id);
        }
    }
}
