package io.paydr.contract;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes an instant as {@code "yyyy-MM-ddTHH:mm:ss.SSSZ"} (quoted, UTC, milliseconds; finer digits truncated) into
 * a byte array. The date part is cached per day: the records of one batch mostly share a day, and the calendar
 * arithmetic is the costly part. Years outside 0000-9999 are written as Instant.toString would (they never pass
 * validation). Not thread-safe.
 */
final class TimestampFormat {

    private static final int SECONDS_PER_DAY = 86_400;

    private long cachedDay = Long.MIN_VALUE;
    private final byte[] datePrefix = new byte[11];

    /** Writes the quoted timestamp at {@code pos}; returns the new position. Needs 26 bytes of room. */
    int write(Instant t, byte[] buf, int pos) {
        long seconds = t.getEpochSecond();
        long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
        if (day != cachedDay && !cacheDay(day)) {
            byte[] text = ("\"" + t + "\"").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, buf, pos, text.length);
            return pos + text.length;
        }
        buf[pos++] = '"';
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
        buf[pos++] = 'Z';
        buf[pos++] = '"';
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
}
