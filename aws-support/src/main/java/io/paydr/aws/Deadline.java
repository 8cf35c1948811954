package io.paydr.aws;

import java.time.Duration;
import java.util.function.LongSupplier;

/** The moment by which work must be finished, e.g. the Lambda's remaining time minus a safety margin. */
public final class Deadline {
    private final LongSupplier nanoClock;
    private final long deadlineNanos;

    private Deadline(LongSupplier nanoClock, Duration budget) {
        this.nanoClock = nanoClock;
        this.deadlineNanos = nanoClock.getAsLong() + budget.toNanos();
    }

    public static Deadline after(Duration budget) {
        return new Deadline(System::nanoTime, budget);
    }

    /** For tests: a deadline measured on the given clock. */
    static Deadline after(Duration budget, LongSupplier nanoClock) {
        return new Deadline(nanoClock, budget);
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - nanoClock.getAsLong()));
    }

    public boolean isExpired() {
        return remaining().isZero();
    }
}
