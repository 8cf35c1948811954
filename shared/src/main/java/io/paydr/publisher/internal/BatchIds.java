package io.paydr.publisher.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Optional;
import java.security.SecureRandom;

/**
 * Batch ids that carry their creation time: {@code 20261125T163815Z-<32 hex>}. The payload key is partitioned by
 * that time, so a retry of the same batch id writes the same key whenever it happens.
 */
public final class BatchIds {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'");
    private static final int STAMP_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private BatchIds() {
    }

    public static String next(Clock clock) {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        return STAMP.format(LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)) + "-"
                + HexFormat.of().formatHex(random);
    }

    /** The creation time embedded in a batch id from {@link #next}, if it has one. */
    public static Optional<Instant> embeddedTime(String batchId) {
        if (batchId.length() <= STAMP_LENGTH || batchId.charAt(STAMP_LENGTH) != '-') {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(batchId.substring(0, STAMP_LENGTH), STAMP)
                    .toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
