package io.paydr.local.pipeline;

import io.paydr.contract.PaymentTransaction;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One warehouse compared row by row with the published set: ids missing, ids loaded but never published,
 * ids whose columns differ, and ids stored more than once.
 */
public record PublishedComparison(int published, int loadedRows, Ids missing, Ids unexpected, Ids different,
                                  Ids duplicated) {

    /** A count and the first few ids (sorted), for the report. */
    public record Ids(int count, List<String> first) {
        private static final int SAMPLE = 5;

        static Ids of(Set<String> sorted) {
            return new Ids(sorted.size(), sorted.stream().limit(SAMPLE).toList());
        }

        @Override
        public String toString() {
            return count == 0 ? "0" : count + " " + first + (count > first.size() ? "..." : "");
        }
    }

    public boolean equal() {
        return missing.count() == 0 && unexpected.count() == 0 && different.count() == 0 && duplicated.count() == 0;
    }

    public static PublishedComparison of(Map<String, PaymentTransaction> published, List<PaymentTransaction> rows) {
        Set<String> seen = new HashSet<>();
        Set<String> duplicated = new TreeSet<>();
        Set<String> different = new TreeSet<>();
        Set<String> unexpected = new TreeSet<>();
        for (PaymentTransaction row : rows) {
            String id = row.transactionId();
            if (!seen.add(id)) {
                duplicated.add(id);
            }
            PaymentTransaction expected = published.get(id);
            if (expected == null) {
                unexpected.add(id);
            } else if (!expected.equals(row)) {
                different.add(id);
            }
        }
        Set<String> missing = new TreeSet<>(published.keySet());
        missing.removeAll(seen);
        return new PublishedComparison(published.size(), rows.size(), Ids.of(missing), Ids.of(unexpected),
                Ids.of(different), Ids.of(duplicated));
    }
}
