package io.paydr.ops;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeRangeTest {

    @Test
    void acceptsInstantsHoursAndDaysAllInUtc() {
        assertEquals(Instant.parse("2026-11-25T16:38:15Z"), TimeRange.parseInstant("x", "2026-11-25T16:38:15Z"));
        assertEquals(Instant.parse("2026-11-25T14:38:15Z"),
                TimeRange.parseInstant("x", "2026-11-25T16:38:15+02:00"));
        assertEquals(Instant.parse("2026-11-25T16:00:00Z"), TimeRange.parseInstant("x", "2026-11-25T16"));
        assertEquals(Instant.parse("2026-11-25T16:30:00Z"), TimeRange.parseInstant("x", "2026-11-25T16:30"));
        assertEquals(Instant.parse("2026-11-25T00:00:00Z"), TimeRange.parseInstant("x", "2026-11-25"));
    }

    @Test
    void rejectsGarbageNamingTheOption() {
        OpsConfigException e = assertThrows(OpsConfigException.class, () -> TimeRange.parse("yesterday", "2026-11-25"));
        assertTrue(e.getMessage().contains("--from 'yesterday'"), e.getMessage());
    }

    @Test
    void rejectsEmptyReversedAndHugeRanges() {
        assertThrows(OpsConfigException.class, () -> TimeRange.parse("2026-11-25T16", "2026-11-25T16"));
        assertThrows(OpsConfigException.class, () -> TimeRange.parse("2026-11-25T17", "2026-11-25T16"));
        assertThrows(OpsConfigException.class, () -> TimeRange.parse("2025-01-01", "2026-11-25"));
    }

    @Test
    void hoursCoverEveryOverlappingHourOnce() {
        TimeRange r = TimeRange.parse("2026-11-25T22:30:00Z", "2026-11-26T01:00:00Z");
        assertEquals(List.of(Instant.parse("2026-11-25T22:00:00Z"), Instant.parse("2026-11-25T23:00:00Z"),
                Instant.parse("2026-11-26T00:00:00Z")), r.hours());
        assertEquals(List.of(Instant.parse("2026-11-25T16:00:00Z")),
                TimeRange.parse("2026-11-25T16:10:00Z", "2026-11-25T16:20:00Z").hours());
    }

    @Test
    void clipHourKeepsThePartInsideTheRange() {
        TimeRange r = TimeRange.parse("2026-11-25T16:30:00Z", "2026-11-25T18:15:00Z");
        assertEquals(TimeRange.parse("2026-11-25T16:30:00Z", "2026-11-25T17:00:00Z"),
                r.clipHour(Instant.parse("2026-11-25T16:00:00Z")));
        assertEquals(TimeRange.parse("2026-11-25T17:00:00Z", "2026-11-25T18:00:00Z"),
                r.clipHour(Instant.parse("2026-11-25T17:00:00Z")));
        assertEquals(TimeRange.parse("2026-11-25T18:00:00Z", "2026-11-25T18:15:00Z"),
                r.clipHour(Instant.parse("2026-11-25T18:00:00Z")));
    }
}
