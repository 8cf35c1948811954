package io.paydr.contract;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * The wire form of {@code occurred_at}, {@code yyyy-MM-ddTHH:mm:ss.SSSZ} (UTC, milliseconds), both ways: writes an
 * instant quoted into a byte array (finer digits truncated) and parses the 24 characters back. The date part is
 * cached per day in both directions: the records of one batch mostly share a day, and the calendar arithmetic is
 * the costly part (Instant.parse took more than half of the time of reading a payload). Years outside 0000-9999
 * are written as Instant.toString would (they never pass validation). Not thread-safe.
 */
final class TimestampFormat {

    private static final int SECONDS_PER_DAY = 86_400;

    private long cachedDay = Long.MIN_VALUE;
    private final byte[] datePrefix = new byte[11];
    private final char[] parsedDate = new char[10];
    private long parsedEpochDay;
    private boolean parsedDateValid;

    /** Writes the quoted timestamp at {@code pos}; returns the new position. Needs 26 bytes of room. */
    int write(Instant t, byte[] buf, int pos) {
        if (!cached(t)) {
            byte[] text = ("\"" + t + "\"").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, buf, pos, text.length);
            return pos + text.length;
        }
        buf[pos++] = '"';
        datePrefix[10] = 'T';
        pos = writeCached(t, buf, pos);
        buf[pos++] = 'Z';
        buf[pos++] = '"';
        return pos;
    }

    /**
     * Writes {@code yyyy-MM-dd HH:mm:ss.SSS} (UTC, no zone, no quotes) at {@code pos}, the form of a record's canonical
     * encoding ({@link RecordDigest}); returns the new position. Needs 23 bytes of room.
     *
     * @throws IllegalArgumentException for years outside 0000-9999, which have no such form (and never validate)
     */
    int writeSpaced(Instant t, byte[] buf, int pos) {
        if (!cached(t)) {
            throw new IllegalArgumentException("occurred_at outside years 0000-9999 has no canonical form");
        }
        datePrefix[10] = ' ';
        return writeCached(t, buf, pos);
    }

    private boolean cached(Instant t) {
        long day = Math.floorDiv(t.getEpochSecond(), SECONDS_PER_DAY);
        return day == cachedDay || cacheDay(day);
    }

    /** The cached date, its separator, then the time of day with milliseconds. */
    private int writeCached(Instant t, byte[] buf, int pos) {
        long seconds = t.getEpochSecond();
        System.arraycopy(datePrefix, 0, buf, pos, datePrefix.length);
        pos += datePrefix.length;
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        pos = two(secondOfDay / 3600, buf, pos);
        buf[pos++] = ':';
        pos = two(secondOfDay / 60 % 60, buf, pos);
        buf[pos++] = ':';
        pos = two(secondOfDay % 60, buf, pos);
        buf[pos++] = '.';
        int millis = t.getNano() / 1_000_000;
        buf[pos++] = (byte) ('0' + millis / 100);
        buf[pos++] = (byte) ('0' + millis / 10 % 10);
        buf[pos++] = (byte) ('0' + millis % 10);
        return pos;
    }

    private boolean cacheDay(long day) {
        LocalDate date = LocalDate.ofEpochDay(day);
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return false;
        }
        datePrefix[0] = (byte) ('0' + year / 1000);
        datePrefix[1] = (byte) ('0' + year / 100 % 10);
        datePrefix[2] = (byte) ('0' + year / 10 % 10);
        datePrefix[3] = (byte) ('0' + year % 10);
        datePrefix[4] = '-';
        two(date.getMonthValue(), datePrefix, 5);
        datePrefix[7] = '-';
        two(date.getDayOfMonth(), datePrefix, 8);
        datePrefix[10] = 'T';
        cachedDay = day;
        return true;
    }

    private static int two(int value, byte[] buf, int pos) {
        buf[pos] = (byte) ('0' + value / 10);
        buf[pos + 1] = (byte) ('0' + value % 10);
        return pos + 2;
    }

    /**
     * Whether text shaped {@code dddd-dd-ddTdd:dd:dd.dddZ} names a leap second ({@code :60}) or the end of a day
     * ({@code 24:00:00.000}): ISO 8601 forms that Instant.parse accepts (as 23:59:59 and as the next midnight) and
     * Redshift reads otherwise or refuses.
     */
    static boolean isLeapSecondOrEndOfDay(char[] text, int offset) {
        boolean endOfDay = digits(text, offset + 11) == 24 && digits(text, offset + 14) == 0
                && digits(text, offset + 17) == 0 && digits(text, offset + 20) == 0 && text[offset + 22] == '0';
        return endOfDay || digits(text, offset + 17) == 60 && digits(text, offset + 11) <= 23
                && digits(text, offset + 14) <= 59;
    }

    /**
     * Parses text already known to have the shape {@code dddd-dd-ddTdd:dd:dd.dddZ}: a date and a time of day from
     * 00:00:00.000 to 23:59:59.999 as {@link Instant#parse} reads it; anything else (also a leap second and 24:00,
     * which Instant.parse would accept) is refused.
     *
     * @throws java.time.DateTimeException when the text names no valid date and time
     */
    Instant parse(char[] text, int offset) {
        int hour = digits(text, offset + 11);
        int minute = digits(text, offset + 14);
        int second = digits(text, offset + 17);
        if (hour > 23 || minute > 59 || second > 59) {
            throw new DateTimeException("not a time of day from 00:00:00.000 to 23:59:59.999");
        }
        long epochDay = epochDay(text, offset);
        int millis = (text[offset + 20] - '0') * 100 + digits(text, offset + 21);
        return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second,
                millis * 1_000_000L);
    }

    private long epochDay(char[] text, int offset) {
        if (!parsedDateValid || !Arrays.equals(parsedDate, 0, 10, text, offset, offset + 10)) {
            parsedDateValid = false;
            int year = digits(text, offset) * 100 + digits(text, offset + 2);
            // LocalDate.of rejects 2026-02-30 as Instant.parse does
            parsedEpochDay = LocalDate.of(year, digits(text, offset + 5), digits(text, offset + 8)).toEpochDay();
            System.arraycopy(text, offset, parsedDate, 0, 10);
            parsedDateValid = true;
        }
        return parsedEpochDay;
    }

    private static int digits(char[] text, int at) {
        return (text[at] - '0') * 10 + (text[at + 1] - '0');
    }
}
