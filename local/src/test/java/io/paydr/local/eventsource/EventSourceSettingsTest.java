package io.paydr.local.eventsource;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventSourceSettingsTest {

    @Test
    void enforcesTheLimitsAwsApplies() {
        assertInvalid(EventSourceSettings.builder().batchSize(0), "BatchSize");
        assertInvalid(EventSourceSettings.builder().batchSize(10_001).batchingWindow(Duration.ofSeconds(1)), "BatchSize");
        assertInvalid(EventSourceSettings.builder().batchSize(11), "MaximumBatchingWindowInSeconds of at least 1");
        assertInvalid(EventSourceSettings.builder().batchingWindow(Duration.ofSeconds(301)), "MaximumBatchingWindowInSeconds");
        assertInvalid(EventSourceSettings.builder().maximumConcurrency(1), "MaximumConcurrency");
        assertInvalid(EventSourceSettings.builder().waitTimeSeconds(21), "WaitTimeSeconds");
        assertInvalid(EventSourceSettings.builder().functionTimeout(Duration.ofSeconds(901)), "timeout");
    }

    @Test
    void largeBatchesWithAWindowAreAccepted() {
        EventSourceSettings s = EventSourceSettings.builder().batchSize(100).batchingWindow(Duration.ofSeconds(2)).build();
        assertEquals(100, s.batchSize());
        assertEquals(s, s.toBuilder().build());
    }

    private static void assertInvalid(EventSourceSettings.Builder b, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
