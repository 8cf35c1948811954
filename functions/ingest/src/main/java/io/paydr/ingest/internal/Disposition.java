package io.paydr.ingest.internal;

import io.paydr.contract.ReasonCode;
import java.util.Optional;

/** What became of one message: loaded, already loaded before, rejected for good, or to be retried. */
public record Disposition(Kind kind, Optional<ReasonCode> reason, String detail) {
    public enum Kind {
        /** Its payload committed in this invocation: delete the message. */
        LOADED,
        /** Its payload was in the ledger already: delete the message, nothing to load. */
        ALREADY_LOADED,
        /** Permanent error: the message fails alone (logged with its reason) until it reaches the DLQ. */
        REJECTED,
        /** Transient error: the message goes back to the queue. */
        RETRY
    }

    public static Disposition loaded() {
        return new Disposition(Kind.LOADED, Optional.empty(), "");
    }

    public static Disposition alreadyLoaded() {
        return new Disposition(Kind.ALREADY_LOADED, Optional.empty(), "");
    }

    public static Disposition rejected(ReasonCode reason, String detail) {
        return new Disposition(Kind.REJECTED, Optional.of(reason), detail);
    }

    public static Disposition retry(String detail) {
        return new Disposition(Kind.RETRY, Optional.empty(), detail);
    }

    /** Whether the message may be deleted from the queue. */
    public boolean done() {
        return kind == Kind.LOADED || kind == Kind.ALREADY_LOADED;
    }
}
