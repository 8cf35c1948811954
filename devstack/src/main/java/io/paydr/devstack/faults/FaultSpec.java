package io.paydr.devstack.faults;

/**
 * The faults injected into one service of one Region. Immutable; {@link #NONE} injects nothing.
 *
 * @param errorRate      share of requests (0..1) answered with an error instead of being served
 * @param throttle       when true injected errors are throttling errors, otherwise server errors (5xx)
 * @param latencyMillis  delay added before every request is served
 * @param duplicateRate  SNS only: share of deliveries sent twice to a subscribed queue
 */
public record FaultSpec(double errorRate, boolean throttle, long latencyMillis, double duplicateRate) {

    public static final FaultSpec NONE = new FaultSpec(0, false, 0, 0);

    public FaultSpec {
        requireShare("errorRate", errorRate);
        requireShare("duplicateRate", duplicateRate);
        if (latencyMillis < 0) {
            throw new IllegalArgumentException("latencyMillis must be >= 0, was " + latencyMillis);
        }
    }

    public static FaultSpec serverErrors(double rate) {
        return new FaultSpec(rate, false, 0, 0);
    }

    public static FaultSpec throttling(double rate) {
        return new FaultSpec(rate, true, 0, 0);
    }

    public static FaultSpec latency(long millis) {
        return new FaultSpec(0, false, millis, 0);
    }

    public static FaultSpec duplicates(double rate) {
        return new FaultSpec(0, false, 0, rate);
    }

    private static void requireShare(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be within 0..1, was " + value);
        }
    }
}
