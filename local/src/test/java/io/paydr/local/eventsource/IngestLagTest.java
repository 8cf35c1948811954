package io.paydr.local.eventsource;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IngestLagTest {

    @Test
    void nearestRankPercentiles() {
        IngestLag lag = new IngestLag("us-east-1");
        Instant t = Instant.parse("2026-11-25T18:00:00Z");
        for (int i = 100; i >= 1; i--) {
            lag.record(t.plusMillis(i), i * 10L);
        }
        assertEquals(500, lag.percentileMillis(50));
        assertEquals(990, lag.percentileMillis(99));
        assertEquals(1000, lag.maxMillis());
        assertEquals(10, lag.percentileMillis(1));
    }

    @Test
    void windowedFiguresSeeOnlyMessagesThatArrivedInTheWindow() {
        IngestLag lag = new IngestLag("us-west-2");
        Instant t = Instant.parse("2026-11-25T18:00:00Z");
        lag.record(t, 5);                       // sent t-5ms
        lag.record(t.plusSeconds(10), 7000);    // sent t+3s
        lag.record(t.plusSeconds(20), 9);       // sent t+19.991s
        assertEquals(7000, lag.percentileMillisOfSent(100, t.plusSeconds(1), t.plusSeconds(15)));
        assertEquals(1, lag.countSent(t.plusSeconds(1), t.plusSeconds(15)));
        assertEquals(9, lag.percentileMillisOfSent(100, t.plusSeconds(15), t.plusSeconds(25)));
        assertEquals(0, lag.countSent(t.plusSeconds(30), t.plusSeconds(40)));
    }

    @Test
    void noSamplesMeansZeroAndNegativeClockSkewIsClampedToZero() {
        IngestLag lag = new IngestLag("us-east-1");
        assertEquals(0, lag.maxMillis());
        lag.record(Instant.now(), -3);
        assertEquals(0, lag.maxMillis());
        assertEquals(1, lag.count());
    }

    @Test
    void rejectsPercentilesOutsideTheRange() {
        assertThrows(IllegalArgumentException.class, () -> IngestLag.percentile(new long[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> IngestLag.percentile(new long[] {1}, 101));
    }
}
