package io.paydr.publisher.internal;

import io.paydr.contract.AttributeNames;
import io.paydr.contract.ContentEncoding;
import io.paydr.contract.PayloadAttributes;
import io.paydr.contract.PayloadKeys;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

class BatchIdsAndAttributesTest {

    @Test
    void batchIdsAreSafeUniqueAndCarryTheirTime() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T16:38:15.999Z"), ZoneOffset.UTC);
        String a = BatchIds.next(clock);
        String b = BatchIds.next(clock);
        assertNotEquals(a, b);
        assertTrue(a.startsWith("20261125T163815Z-"), a);
        assertTrue(PayloadKeys.isSafeBatchId(a));
        assertEquals(Optional.of(Instant.parse("2026-11-25T16:38:15Z")), BatchIds.embeddedTime(a));
    }

    @Test
    void otherIdsHaveNoEmbeddedTime() {
        for (String id : List.of("order-42", "20261125T163815Z", "20261399T163815Z-x", "2026112XT163815Z-x")) {
            assertEquals(Optional.empty(), BatchIds.embeddedTime(id), id);
        }
    }

    @Test
    void messageCarriesSixStringAttributesAndTheNumberSize() {
        PayloadAttributes a = PayloadAttributes.payments(10_000, "0".repeat(64), "b-1", ContentEncoding.GZIP, 123456);
        Map<String, MessageAttributeValue> m = PointerNotifier.messageAttributes(a);
        assertEquals(7, m.size(), "raw delivery carries at most 10");
        assertEquals("Number", m.get(AttributeNames.EXTENDED_PAYLOAD_SIZE).dataType());
        assertEquals("123456", m.get(AttributeNames.EXTENDED_PAYLOAD_SIZE).stringValue());
        for (String name : List.of(AttributeNames.DATASET, AttributeNames.SCHEMA_VERSION, AttributeNames.RECORD_COUNT,
                AttributeNames.PAYLOAD_SHA256, AttributeNames.BATCH_ID, AttributeNames.CONTENT_ENCODING)) {
            assertEquals("String", m.get(name).dataType(), name);
        }
        assertEquals("10000", m.get(AttributeNames.RECORD_COUNT).stringValue());
        assertEquals("gzip", m.get(AttributeNames.CONTENT_ENCODING).stringValue());
    }
}
