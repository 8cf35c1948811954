package io.paydr.local.drill;

import io.paydr.local.eventsource.IngestLag;
import io.paydr.local.eventsource.LagSample;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultScheduleTest {

    private final Instant t0 = Instant.parse("2026-11-25T19:00:00Z");

    @Test
    void switchesOnOnceAtItsOffsetAndOffOnceItsLengthAfterItWasOn() {
        AtomicInteger on = new AtomicInteger();
        AtomicInteger off = new AtomicInteger();
        FaultSchedule s = new FaultSchedule(t0, Duration.ofSeconds(5), Duration.ofSeconds(10),
                on::incrementAndGet, off::incrementAndGet);

        s.tick(t0.plusSeconds(4));
        assertEquals("steady", s.phase("outage"));
        assertThrows(IllegalStateException.class, s::window);
        s.tick(t0.plusSeconds(5));
        s.tick(t0.plusSeconds(6));
        assertEquals(1, on.get());
        assertEquals("outage", s.phase("outage"));
        assertFalse(s.finished());
        // the end is counted from when the fault was really on (now, in wall-clock time), not from t0 + 5 s
        s.tick(t0.plusSeconds(15));
        assertEquals(0, off.get());
        s.tick(Instant.now().plusSeconds(11));
        s.tick(Instant.now().plusSeconds(12));
        assertEquals(1, off.get());
        assertTrue(s.finished());
        assertEquals("recovered", s.phase("outage"));
        assertTrue(!s.window().end().isBefore(s.window().start()));
    }

    @Test
    void backlogIsWhatArrivedBeforeRecoveryAndWasLoadedAfterIt() {
        IngestLag lag = new IngestLag("us-east-1");
        Instant recovered = t0.plusSeconds(30);
        lag.record(t0.plusSeconds(10), 500);        // loaded before the outage ended
        lag.record(t0.plusSeconds(31), 12_000);     // sent t+19 s, waited out the outage
        lag.record(t0.plusSeconds(33), 25_000);     // sent t+8 s
        lag.record(t0.plusSeconds(34), 800);        // sent after recovery
        List<LagSample> backlog = RegionOutageDrill.backlog(lag, recovered);
        assertEquals(List.of(12_000L, 25_000L), backlog.stream().map(LagSample::lagMillis).toList());
    }
}
