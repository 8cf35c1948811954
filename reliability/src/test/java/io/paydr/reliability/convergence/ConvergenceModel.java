package io.paydr.reliability.convergence;

import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.RecordDigest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The reference model of the convergence rule, in plain Java and written from the rule's statement, not from the
 * load SQL: given the set of verified payloads (identity to records), each transaction_id's current row is its
 * greatest version by (occurred_at, row_sha256); every other version is a conflict; each version is carried by the
 * smallest identity of the payloads that hold it. The order of arrival plays no part.
 */
final class ConvergenceModel {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private record Version(PaymentTransaction record, String rowSha256) {
    }

    private ConvergenceModel() {
    }

    /** The expected rows, rendered as {@link #render} does, sorted: "current|..." and "conflict|...". */
    static List<String> expected(Map<String, List<PaymentTransaction>> payloadsByIdentity) {
        RecordDigest digest = new RecordDigest();
        Map<String, Version> versions = new HashMap<>();
        Map<String, String> carriers = new HashMap<>();
        payloadsByIdentity.forEach((identity, records) -> records.forEach(r -> {
            String sha = digest.rowSha256(r);
            versions.putIfAbsent(sha, new Version(r, sha));
            carriers.merge(sha, identity, (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }));
        Map<String, Version> winners = new HashMap<>();
        Comparator<Version> order = Comparator.comparing((Version v) -> v.record().occurredAt())
                .thenComparing(Version::rowSha256);
        versions.values().forEach(v -> winners.merge(v.record().transactionId(), v,
                (a, b) -> order.compare(a, b) >= 0 ? a : b));
        TreeSet<String> rows = new TreeSet<>();
        versions.values().forEach(v -> {
            boolean current = winners.get(v.record().transactionId()).rowSha256().equals(v.rowSha256());
            rows.add(render(current ? "current" : "conflict", v.record(), v.rowSha256(), carriers.get(v.rowSha256())));
        });
        return List.copyOf(rows);
    }

    static String render(String kind, PaymentTransaction r, String rowSha256, String carrier) {
        return String.join("|", kind, r.transactionId(), r.merchantId(), Long.toString(r.amountMinor()), r.currency(),
                r.status().name(), TIMESTAMP.format(r.occurredAt()), r.sourceRegion(), rowSha256, carrier);
    }
}
