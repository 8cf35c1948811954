package io.paydr.devstack.redshift;

import java.util.Map;

/**
 * What one Region's Data API server has seen since it started: requests and throttled requests per operation
 * (ThrottlingException from the profile's rate quotas), and the commits that went through the warehouse's commit
 * queue with the time they waited for it. A snapshot; two snapshots' difference covers a period.
 *
 * @param profile         the warehouse profile's name
 * @param requests        requests that reached the server, by operation (throttled ones included)
 * @param throttled       requests refused with ThrottlingException, by operation
 * @param commits         commits through the commit queue (none under the fast profile)
 * @param commitWaitMillis time commits spent waiting for the queue, summed
 */
public record DataApiStats(String profile, Map<String, Long> requests, Map<String, Long> throttled, long commits,
                           long commitWaitMillis) {
    public DataApiStats {
        requests = Map.copyOf(requests);
        throttled = Map.copyOf(throttled);
    }

    public long requests(String operation) {
        return requests.getOrDefault(operation, 0L);
    }

    public long throttled(String operation) {
        return throttled.getOrDefault(operation, 0L);
    }

    public long throttledTotal() {
        return throttled.values().stream().mapToLong(Long::longValue).sum();
    }

    /** What happened between {@code earlier} and this snapshot. */
    public DataApiStats since(DataApiStats earlier) {
        return new DataApiStats(profile, minus(requests, earlier.requests), minus(throttled, earlier.throttled),
                commits - earlier.commits, commitWaitMillis - earlier.commitWaitMillis);
    }

    private static Map<String, Long> minus(Map<String, Long> now, Map<String, Long> before) {
        java.util.Map<String, Long> out = new java.util.TreeMap<>();
        now.forEach((k, v) -> out.put(k, v - before.getOrDefault(k, 0L)));
        return out;
    }
}
