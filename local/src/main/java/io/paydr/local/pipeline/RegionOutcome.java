package io.paydr.local.pipeline;

import io.paydr.local.eventsource.PollerStats;

/**
 * What one Region ended with.
 *
 * @param regionId        the Region
 * @param role            primary or secondary
 * @param payloadsLoaded  rows in its ingest ledger
 * @param comparison      its payments table against the published set
 * @param deadLetters     messages in its DLQ
 * @param lagP50Millis    ingest lag percentiles over the whole run
 * @param lagP99Millis    "
 * @param lagMaxMillis    "
 * @param stats           its event source mapping's counters
 */
public record RegionOutcome(String regionId, String role, long payloadsLoaded, PublishedComparison comparison,
                            int deadLetters, long lagP50Millis, long lagP99Millis, long lagMaxMillis,
                            PollerStats stats) {

    public boolean ok() {
        return comparison.equal() && deadLetters == 0;
    }
}
