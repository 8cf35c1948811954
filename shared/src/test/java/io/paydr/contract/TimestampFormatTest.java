package io.paydr.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TimestampFormatTest {

    @Test
    void writesAndParsesLikeInstantForRandomInstantsAcrossDays() {
        TimestampFormat format = new TimestampFormat();
        Random random = new Random(42);
        byte[] buf = new byte[32];
        for (int i = 0; i < 20_000; i++) {
            // clustered days (the cache's common case) mixed with jumps anywhere in 0000-9999
            long seconds = i % 3 == 0 ? random.nextLong(-62_167_219_200L, 253_402_300_799L)
                    : 1_764_088_695L + random.nextInt(3 * 86_400);
            Instant instant = Instant.ofEpochSecond(seconds, random.nextInt(1000) * 1_000_000L);
            int end = format.write(instant, buf, 0);
            String text = new String(buf, 1, end - 2, StandardCharsets.US_ASCII);
            assertEquals(Instant.parse(text), format.parse(("xx" + text).toCharArray(), 2), text);
            assertEquals(instant, format.parse(text.toCharArray(), 0), text);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000-01-01T00:00:00.000Z", "2024-02-29T12:00:00.999Z", "9999-12-31T23:59:59.999Z"})
    void agreesWithInstantParseOnEdgeCases(String text) {
        assertEquals(Instant.parse(text), new TimestampFormat().parse(text.toCharArray(), 0));
    }

    /** Instant.parse reads a leap second as 23:59:59 and 24:00 as the next day; Redshift does neither. */
    @ParameterizedTest
    @ValueSource(strings = {"2026-12-31T23:59:60.123Z", "2026-12-31T24:00:00.000Z"})
    void aLeapSecondOrHour24IsRecognisedAndNotParsed(String text) {
        assertTrue(TimestampFormat.isLeapSecondOrEndOfDay(text.toCharArray(), 0));
        assertThrows(DateTimeException.class, () -> new TimestampFormat().parse(text.toCharArray(), 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T00:00:00.000Z", "2026-02-30T00:00:00.000Z", "2026-13-01T00:00:00.000Z",
            "2026-00-10T00:00:00.000Z", "2026-04-31T00:00:00.000Z", "2026-11-25T25:00:00.000Z",
            "2026-11-25T10:60:00.000Z", "2026-11-25T24:00:00.001Z"})
    void rejectsWhatInstantParseRejects(String text) {
        assertThrows(DateTimeException.class, () -> Instant.parse(text));
        TimestampFormat format = new TimestampFormat();
        format.parse("2026-11-25T10:00:00.000Z".toCharArray(), 0);
        assertThrows(DateTimeException.class, () -> format.parse(text.toCharArray(), 0));
        // a rejected date must not poison the cache for the next valid one
        assertEquals(Instant.parse("2026-11-25T10:00:00.000Z"),
                format.parse("2026-11-25T10:00:00.000Z".toCharArray(), 0));
    }
}
