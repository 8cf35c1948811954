package io.paydr.ops.internal;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.PayloadKeys;
import io.paydr.ops.TimeRange;
import io.paydr.ops.internal.PayloadKeyLayout.PayloadKey;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PayloadKeyLayoutTest {

    @Test
    void oneListingPrefixPerPublishHourAcrossMidnight() {
        TimeRange r = TimeRange.parse("2026-11-25T22:15:00Z", "2026-11-26T01:00:00Z");
        assertEquals(List.of("payments/v1/dt=2026-11-25/hh=22/", "payments/v1/dt=2026-11-25/hh=23/",
                "payments/v1/dt=2026-11-26/hh=00/"), PayloadKeyLayout.hourPrefixes(null, r));
        assertEquals(List.of("archive/payments/dt=2026-11-25/hh=22/"),
                PayloadKeyLayout.hourPrefixes("/archive/payments/", TimeRange.parse("2026-11-25T22", "2026-11-25T23")));
    }

    @Test
    void prefixesMatchWhatThePublisherWrites() {
        Instant published = Instant.parse("2026-11-25T16:38:15.123Z");
        String key = PayloadKeys.key(null, published, "b-1", ContentEncoding.GZIP);
        String hourPrefix = PayloadKeyLayout.hourPrefixes(null, TimeRange.parse("2026-11-25T16", "2026-11-25T17"))
                .get(0);
        assertEquals(Optional.of(new PayloadKey(key, "b-1", ContentEncoding.GZIP)),
                PayloadKeyLayout.parse(hourPrefix, key));
    }

    @Test
    void parsesBothEncodingsAndSkipsEverythingElse() {
        String p = "payments/v1/dt=2026-11-25/hh=16/";
        assertEquals(Optional.of(new PayloadKey(p + "abc_1.jsonl", "abc_1", ContentEncoding.IDENTITY)),
                PayloadKeyLayout.parse(p, p + "abc_1.jsonl"));
        assertEquals(Optional.empty(), PayloadKeyLayout.parse(p, p + "abc.json"));
        assertEquals(Optional.empty(), PayloadKeyLayout.parse(p, p + "nested/abc.jsonl"));
        assertEquals(Optional.empty(), PayloadKeyLayout.parse(p, p + ".jsonl"));
        assertEquals(Optional.empty(), PayloadKeyLayout.parse(p, "payments/v1/dt=2026-11-25/hh=17/abc.jsonl"));
    }

    @Test
    void rejectsPrefixesThatClimbOut() {
        assertThrows(IllegalArgumentException.class,
                () -> PayloadKeyLayout.hourPrefixes("../x", TimeRange.parse("2026-11-25T16", "2026-11-25T17")));
    }
}
