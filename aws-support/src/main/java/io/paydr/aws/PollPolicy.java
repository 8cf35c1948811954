package io.paydr.aws;

import java.time.Duration;

/**
 * How DescribeStatement is polled when it cannot be long-polled: exponential backoff from {@code initial} by
 * {@code multiplier} up to {@code max}. Gentle growth: a statement is noticed at most 20% after it finished.
 */
public record PollPolicy(Duration initial, double multiplier, Duration max) {
    /**
     * For a real warehouse, where a statement takes tens of milliseconds to seconds: the first poll after 100 ms,
     * then 20% longer each time up to 1 s. The runner long-polls and falls back to this only when a wait is refused
     * or the deadline is too close for one, so devstack needs no faster values.
     */
    public static final PollPolicy DEFAULT = backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

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
