package io.paydr.devstack.sns.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A publication accepted on a topic: what every subscription of the topic receives. */
public record Notification(String messageId, Topic topic, Publication publication, Instant timestamp) {

    /** ISO-8601 UTC with millis always present, as SNS writes Timestamp (Instant.toString drops zero millis). */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public static Notification accept(Topic topic, Publication publication) {
        return new Notification(UUID.randomUUID().toString(), topic, publication,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    public String timestampText() {
        return TIMESTAMP.format(timestamp);
    }
}
