package io.paydr.ops.internal;


import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Ledger payload keys, compared across Regions by their object key (buckets differ: source vs replica). */
public final class LedgerKeys {

    private LedgerKeys() {
    }

    /** {@code s3://bucket/key} or {@code bucket/key}-style values reduce to the part from the key prefix on. */
    public static String normalize(String payloadKey) {
        String k = payloadKey.strip();
        if (k.startsWith("s3://")) {
            int slash = k.indexOf('/', "s3://".length());
            return slash < 0 ? k : k.substring(slash + 1);
        }
        return k;
    }

    public static Set<String> normalized(List<List<String>> rows) {
        Set<String> keys = new HashSet<>(rows.size() * 2);
        for (List<String> r : rows) {
            keys.add(normalize(Warehouse.stringOf(r.get(0))));
        }
        return keys;
    }

    /** The hour of a label {@code YYYY-MM-DD HH} cut from a key, or null when the key does not follow the layout. */
    public static Instant hourOfLabel(String label) {
        try {
            return ReconcileSql.parseHour(label);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
