package io.paydr.local.pipeline;

import java.time.Duration;
import java.time.Instant;

/** A half-open span of wall-clock time [start, end), e.g. an outage. */
public record TimeWindow(Instant start, Instant end) {

    public TimeWindow {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("window ends (" + end + ") before it starts (" + start + ")");
        }
    }

    public Duration duration() {
        return Duration.between(start, end);
    }
}
