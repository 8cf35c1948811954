package io.paydr.local.eventsource;

/**
 * Counters of one event source mapping since it started.
 *
 * @param invocations       function invocations
 * @param failedInvocations invocations whose whole batch failed (function error, timeout, bad response)
 * @param received          messages received (redeliveries included)
 * @param deleted           messages deleted after a successful load
 * @param failedRecords     messages left in the queue for a retry
 */
public record PollerStats(long invocations, long failedInvocations, long received, long deleted, long failedRecords) {
}
