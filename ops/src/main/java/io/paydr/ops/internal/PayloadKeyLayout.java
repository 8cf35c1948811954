package io.paydr.ops.internal;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.PayloadKeys;
import io.paydr.ops.TimeRange;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** The S3 key layout {@code <prefix>/dt=YYYY-MM-DD/hh=HH/<batchId>.jsonl[.gz]}, read backwards for replay. */
public final class PayloadKeyLayout {

    /** A payload key split into its parts. */
    public record PayloadKey(String key, String batchId, ContentEncoding encoding) {
    }

    private PayloadKeyLayout() {
    }

    /** One listing prefix per publish hour that overlaps the range, e.g. {@code payments/v1/dt=2026-11-25/hh=16/}. */
    public static List<String> hourPrefixes(String prefix, TimeRange range) {
        String p = PayloadKeys.normalizePrefix(prefix);
        return range.hours().stream().map(h -> hourPrefix(p, h)).toList();
    }

    static String hourPrefix(String normalizedPrefix, Instant hour) {
        LocalDateTime t = LocalDateTime.ofInstant(hour, ZoneOffset.UTC);
        return String.format("%s/dt=%s/hh=%02d/", normalizedPrefix, t.toLocalDate(), t.getHour());
    }

    /**
     * Parses a key listed under an hour prefix; empty for anything that is not a payload of this layout (a nested
     * "folder", another suffix, an unsafe batch id), which replay skips.
     */
    public static Optional<PayloadKey> parse(String hourPrefix, String key) {
        if (!key.startsWith(hourPrefix)) {
            return Optional.empty();
        }
        String name = key.substring(hourPrefix.length());
        for (ContentEncoding e : List.of(ContentEncoding.GZIP, ContentEncoding.IDENTITY)) {
            if (name.endsWith(e.keySuffix())) {
                String batchId = name.substring(0, name.length() - e.keySuffix().length());
                return PayloadKeys.isSafeBatchId(batchId) ? Optional.of(new PayloadKey(key, batchId, e))
                        : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
