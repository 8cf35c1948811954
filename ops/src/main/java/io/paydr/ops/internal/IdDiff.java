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

    /** A (transaction_id, digest of the whole row) pair. */
    public record Row(String id, String digest) {
    }

    /** The differences, each as an exact count plus a bounded sorted sample. */
    public record Result(IdSample missingOnPrimary, IdSample missingOnSecondary, IdSample rowMismatches,
                         IdSample duplicates) {
    }

    private IdDiff() {
    }

    public static Result transactions(Collection<Row> primary, Collection<Row> secondary, int limit) {
        Map<String, List<String>> p = byId(primary);
        Map<String, List<String>> s = byId(secondary);
        TreeSet<String> mismatched = new TreeSet<>();
        for (Map.Entry<String, List<String>> e : p.entrySet()) {
            List<String> other = s.get(e.getKey());
            if (other != null && !sameRows(e.getValue(), other)) {
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

    private static Map<String, List<String>> byId(Collection<Row> rows) {
        Map<String, List<String>> m = new HashMap<>(rows.size() * 2);
        for (Row r : rows) {
            m.computeIfAbsent(r.id(), k -> new ArrayList<>(1)).add(r.digest());
        }
        return m;
    }

    private static boolean sameRows(List<String> a, List<String> b) {
        // distinct rows: a duplicate of the same row is reported as a duplicate, not as a mismatch
        return new TreeSet<>(a).equals(new TreeSet<>(b));
    }

    private static void addIf(boolean condition, String id, Set<String> into) {
        if (condition) {
            into.add(id);
        }
    }
}
