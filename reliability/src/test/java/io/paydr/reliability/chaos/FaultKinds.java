package io.paydr.reliability.chaos;

import java.util.Map;

/** Groups the error responses {@link FaultCounter} saw into the fault kinds the issue names. */
final class FaultKinds {
    private FaultKinds() {
    }

    static long s3ServerErrors(Map<String, Long> counts) {
        return sum(counts, "S3 ", " HTTP 500");
    }

    static long s3GetErrors(Map<String, Long> counts) {
        return sum(counts, "S3 GetObject", " HTTP 500");
    }

    static long dataApiThrottles(Map<String, Long> counts) {
        return sum(counts, "Redshift", "ActiveStatementsExceededException");
    }

    static long dataApiServerErrors(Map<String, Long> counts) {
        return sum(counts, "Redshift", " HTTP 500");
    }

    static long regionDown(Map<String, Long> counts) {
        return counts.entrySet().stream().filter(e -> e.getKey().contains(" HTTP 503")).mapToLong(Map.Entry::getValue)
                .sum();
    }

    static String summary(Map<String, Long> counts) {
        return String.format("faults met by clients (per attempt): S3 server errors %d (GetObject %d), Data API "
                        + "throttling %d, Data API statement failures %d, requests refused by the down Region %d",
                s3ServerErrors(counts), s3GetErrors(counts), dataApiThrottles(counts), dataApiServerErrors(counts),
                regionDown(counts));
    }

    private static long sum(Map<String, Long> counts, String prefix, String contains) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith(prefix) && e.getKey().contains(contains))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
