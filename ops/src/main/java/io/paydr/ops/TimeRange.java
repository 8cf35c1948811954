package io.paydr.ops;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A half-open UTC interval {@code [from, to)}. */
public record TimeRange(Instant from, Instant to) {

    /** A guard against typos such as a wrong year: no operation here should span more than this. */
    public static final Duration MAX_SPAN = Duration.ofDays(400);

    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new OpsConfigException("time range is empty: from " + from + " is not before to " + to);
        }
        if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            throw new OpsConfigException("time range " + from + " .. " + to + " spans more than " + MAX_SPAN.toDays()
                    + " days");
        }
    }

    public static TimeRange of(Instant from, Instant to) {
        return new TimeRange(from, to);
    }

    public static TimeRange parse(String from, String to) {
        return new TimeRange(parseInstant("--from", from), parseInstant("--to", to));
    }

    /**
     * Accepts {@code 2026-11-25T16:38:15Z} (any ISO-8601 offset), {@code 2026-11-25T16:00} (UTC assumed),
     * {@code 2026-11-25T16} (an hour, UTC) and {@code 2026-11-25} (midnight UTC).
     */
    public static Instant parseInstant(String what, String text) {
        if (text == null || text.isBlank()) {
            throw new OpsConfigException(what + " needs a time such as 2026-11-25T16:00:00Z");
        }
        String t = text.strip();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (t.length() == 13 && t.charAt(10) == 'T') {
                return LocalDateTime.parse(t + ":00").toInstant(ZoneOffset.UTC);
            }
            if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(t).toInstant();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new OpsConfigException(what + " '" + text + "' is not a time such as 2026-11-25T16:00:00Z,"
                    + " 2026-11-25T16 or 2026-11-25 (UTC)");
        }
    }

    /** The start of every UTC hour that overlaps this range, in order. */
    public List<Instant> hours() {
        List<Instant> hours = new ArrayList<>();
        for (Instant h = from.truncatedTo(ChronoUnit.HOURS); h.isBefore(to); h = h.plus(1, ChronoUnit.HOURS)) {
            hours.add(h);
        }
        return hours;
    }

    /** The part of the given hour that lies inside this range. */
    public TimeRange clipHour(Instant hourStart) {
        Instant hourEnd = hourStart.plus(1, ChronoUnit.HOURS);
        Instant start = hourStart.isBefore(from) ? from : hourStart;
        Instant end = hourEnd.isAfter(to) ? to : hourEnd;
        return new TimeRange(start, end);
    }

    @Override
    public String toString() {
        return "[" + from + ", " + to + ")";
    }
}
