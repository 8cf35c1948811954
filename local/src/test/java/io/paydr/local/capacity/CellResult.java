package io.paydr.local.capacity;

import java.util.Map;

/**
 * One cell of the capacity benchmark: a loader at one MaximumConcurrency with payloads of one size, in one Region.
 *
 * @param payloadsPerSecond      sustained rate draining a backlog: the median over consecutive commits of the
 *                               payloads each deleted over the time since the previous one (CellRunner#steadyRate)
 * @param windowPayloadsPerSecond payloads deleted after the first commit over the time from that commit to the end of
 *                               the window: the same rate with the bench's start-up round in it
 * @param rowsPerSecond          the same in records
 * @param callsPerSecond         Data API requests per second by operation, as the server counted them (each HTTP
 *                               attempt, throttled ones included)
 * @param quotaPerSecond         the account's rate quota of each of those operations under the profile
 * @param throttled              requests refused with ThrottlingException by operation (before the SDK's retries)
 * @param callsPerInvocationP50  Data API calls one invocation made, median
 * @param callsPerInvocationMax  and maximum
 * @param invocations            invocations during the backlog phase
 * @param throttleRetries        messages sent back to the queue by invocations whose Data API calls ended throttled
 * @param failedMessages         messages sent back to the queue for any reason
 * @param rpoRatePerSecond       arrival rate of the lag phase (half the sustained rate); 0 when not measured
 * @param lagP50Seconds          ingest lag (commit − SentTimestamp) at that rate, median; -1 when not measured
 * @param lagP99Seconds          and 99th percentile
 * @param commits                commits through the warehouse's commit queue during the backlog phase
 * @param commitBusy             the share of the backlog phase the commit queue was held (commits × the profile's
 *                               commit cost over the phase): near 1, the warehouse's commits are the limit
 * @param commitWaitMillis       how long a commit waited for the queue, on average
 */
record CellResult(String loader, String region, int concurrency, int records, int batchSize, double windowSeconds,
                  int payloads, double seconds, double payloadsPerSecond, double windowPayloadsPerSecond,
                  double rowsPerSecond,
                  Map<String, Double> callsPerSecond, Map<String, Double> quotaPerSecond, Map<String, Long> throttled,
                  double callsPerInvocationP50, long callsPerInvocationMax, long invocations, long throttleRetries,
                  long failedMessages, double rpoRatePerSecond, double lagP50Seconds, double lagP99Seconds,
                  long commits, double commitBusy, double commitWaitMillis) {

    long throttledTotal() {
        return throttled.values().stream().mapToLong(Long::longValue).sum();
    }
}
