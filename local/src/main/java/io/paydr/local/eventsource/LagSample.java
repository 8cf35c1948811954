package io.paydr.local.eventsource;

import java.time.Instant;

/**
 * One message's ingest lag: the time from its arrival in the queue (SQS SentTimestamp) to the commit of
 * the invocation that loaded it. This is the Region's RPO at that moment (docs/architecture.md section 5).
 */
public record LagSample(Instant committedAt, long lagMillis) {

    /** When the message arrived in the queue (its SentTimestamp). */
    public Instant sentAt() {
        return committedAt.minusMillis(lagMillis);
    }
}
