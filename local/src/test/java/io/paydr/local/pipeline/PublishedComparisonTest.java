package io.paydr.local.pipeline;

import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PublishedComparisonTest {

    private static PaymentTransaction tx(String id, long amount) {
        return new PaymentTransaction(id, "mch_1", amount, "EUR", PaymentStatus.CAPTURED,
                Instant.parse("2026-11-25T18:00:00.123Z"), "us-east-1");
    }

    private final Map<String, PaymentTransaction> published = Map.of("a", tx("a", 100), "b", tx("b", 200),
            "c", tx("c", 300));

    @Test
    void identicalRowsAreEqual() {
        PublishedComparison c = PublishedComparison.of(published, List.of(tx("c", 300), tx("a", 100), tx("b", 200)));
        assertTrue(c.equal());
        assertEquals(3, c.loadedRows());
    }

    @Test
    void namesMissingUnexpectedDifferentAndDuplicatedIds() {
        PublishedComparison c = PublishedComparison.of(published,
                List.of(tx("a", 100), tx("a", 100), tx("b", 201), tx("z", 1)));
        assertFalse(c.equal());
        assertEquals(List.of("c"), c.missing().first());
        assertEquals(List.of("z"), c.unexpected().first());
        assertEquals(List.of("b"), c.different().first());
        assertEquals(List.of("a"), c.duplicated().first());
        assertEquals("1 [c]", c.missing().toString());
    }
}
