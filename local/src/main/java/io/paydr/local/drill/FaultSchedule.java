package io.paydr.local.drill;

import io.paydr.local.report.TimeWindow;

import java.time.Duration;
import java.time.Instant;

/**
 * Switches a fault on once at a fixed offset from the drill's start and off again {@code length} after it
 * was fully on, recording when each really happened (switching takes time, e.g. stopping a consumer waits
 * for its in-flight invocation).
 */
final class FaultSchedule {

    private final Instant on;
    private final Duration length;
    private final Runnable begin;
    private final Runnable end;
    private Instant began;
    private Instant ended;

    FaultSchedule(Instant start, Duration after, Duration length, Runnable begin, Runnable end) {
        this.on = start.plus(after);
        this.length = length;
        this.begin = begin;
        this.end = end;
    }

    /** Call regularly; fires begin and end once each when their time has come. */
    void tick(Instant now) {
        if (began == null && !now.isBefore(on)) {
            begin.run();
            began = Instant.now();
        }
        if (began != null && ended == null && !now.isBefore(began.plus(length))) {
            end.run();
            ended = Instant.now();
        }
    }

    /** "steady" before the fault, its name while it lasts, "recovered" after. */
    String phase(String faultName) {
        return began == null ? "steady" : ended == null ? faultName : "recovered";
    }

    boolean finished() {
        return ended != null;
    }

    /** When the fault was in force: from the moment it was fully on to the moment it was lifted. */
    TimeWindow window() {
        if (ended == null) {
            throw new IllegalStateException("the fault has not ended yet");
        }
        return new TimeWindow(began, ended);
    }
}
