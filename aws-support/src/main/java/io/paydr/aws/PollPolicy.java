package io.paydr.aws;

import java.time.Duration;

/**
 * How DescribeStatement is polled: exponential backoff from {@code initial} by {@code multiplier} up to {@code max}.
 * Short first waits matter: most statements of one invocation finish within tens or hundreds of milliseconds.
 */
public record PollPolicy(Duration initial, double multiplier, Duration max) {
    /**
     * Gentle growth: a statement is noticed at most 20% (or 250 ms) after it finished, 10% on average, for a call
     * or two more than ×1.3 would make (a 100 ms load: 10 DescribeStatement calls instead of 9).
     */
    public static final PollPolicy DEFAULT = backoff(Duration.ofMillis(5), Duration.ofMillis(250));

    public PollPolicy {
        if (initial.isNegative() || initial.isZero() || multiplier < 1.0 || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max and multiplier >= 1");
        }
    }

    /** Backoff from {@code initial} to {@code max} with the default growth of 20% per poll. */
    public static PollPolicy backoff(Duration initial, Duration max) {
        return new PollPolicy(initial, 1.2, max);
    }

    /** The wait after {@code previous}. */
    public Duration next(Duration previous) {
        long nanos = (long) Math.min(previous.toNanos() * multiplier, max.toNanos());
        return Duration.ofNanos(nanos);
    }
}
