package io.paydr.contract;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The S3 key layout: {@code <prefix>/dt=YYYY-MM-DD/hh=HH/<batchId>.jsonl[.gz]}, partitioned by publish time (UTC), and
 * beside the partitions one claim per batch id, {@code <prefix>/batch-ids/<batchId>.json}, naming the one payload
 * key that batch id stands for (the publisher writes it first; nothing that lists hour partitions ever sees it).
 */
public final class PayloadKeys {

    public static final String DEFAULT_PREFIX = "payments/v1";
    /** The folder of batch-id claims under the prefix; never a {@code dt=} partition. */
    public static final String CLAIMS_FOLDER = "batch-ids";
    /** batch_id is stored in the ledger as VARCHAR(128). */
    public static final int MAX_BATCH_ID_LENGTH = 128;
    public static final String BATCH_ID_RULE = "batch id must match [A-Za-z0-9_-]{1,128}";
    private static final int MAX_PREFIX_LENGTH = 512;

    private PayloadKeys() {
    }

    public static String key(String prefix, Instant publishedAt, String batchId, ContentEncoding encoding) {
        requireSafeBatchId(batchId);
        String p = normalizePrefix(prefix);
        ZonedDateTime t = publishedAt.atZone(ZoneOffset.UTC);
        return String.format("%s/dt=%04d-%02d-%02d/hh=%02d/%s%s", p, t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), batchId, encoding.keySuffix());
    }

    /**
     * The claim of a batch id: depends on the prefix and the batch id alone, never on the encoding or the time, so
     * every attempt of a batch, whenever and however encoded, meets the same key.
     */
    public static String claimKey(String prefix, String batchId) {
        requireSafeBatchId(batchId);
        return normalizePrefix(prefix) + "/" + CLAIMS_FOLDER + "/" + batchId + ".json";
    }

    /** True for a key {@link #claimKey} makes, under any prefix: a batch id's claim, never a payload. */
    public static boolean isClaimKey(String key) {
        int last = key.lastIndexOf('/');
        int parent = last > 0 ? key.lastIndexOf('/', last - 1) : -1;
        return parent > 0 && key.endsWith(".json") && key.substring(parent + 1, last).equals(CLAIMS_FOLDER)
                && isSafeBatchId(key.substring(last + 1, key.length() - ".json".length()));
    }

    /** @throws IllegalArgumentException unless the batch id is safe in a key, an attribute and the ledger */
    public static void requireSafeBatchId(String batchId) {
        if (!isSafeBatchId(batchId)) {
            throw new IllegalArgumentException(BATCH_ID_RULE);
        }
    }

    public static boolean isSafeBatchId(String batchId) {
        if (batchId == null || batchId.isEmpty() || batchId.length() > MAX_BATCH_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < batchId.length(); i++) {
            char c = batchId.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Null or blank means the default; surrounding slashes are dropped. Segments may use letters, digits and
     * {@code _ - = .} but never be "." or "..", so a prefix cannot climb out of its place.
     */
    public static String normalizePrefix(String prefix) {
        if (prefix == null || prefix.isBlank()) {
            return DEFAULT_PREFIX;
        }
        String p = prefix.strip();
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.isEmpty() || p.length() > MAX_PREFIX_LENGTH) {
            throw new IllegalArgumentException("key prefix must have 1-" + MAX_PREFIX_LENGTH + " characters");
        }
        for (String segment : p.split("/", -1)) {
            if (!isSafeSegment(segment)) {
                throw new IllegalArgumentException(
                        "key prefix segments must use [A-Za-z0-9_=.-], be non-empty and not . or ..");
            }
        }
        return p;
    }

    private static boolean isSafeSegment(String s) {
        if (s.isEmpty() || s.equals(".") || s.equals("..")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '_' || c == '-' || c == '=' || c == '.')) {
                return false;
            }
        }
        return true;
    }
}
