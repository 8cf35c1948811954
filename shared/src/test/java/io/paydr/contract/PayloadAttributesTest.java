package io.paydr.contract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import static io.paydr.contract.AttributeNames.*;
import static org.junit.jupiter.api.Assertions.*;

class PayloadAttributesTest {

    static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    static Map<String, String> wire() {
        Map<String, String> m = new HashMap<>(
                PayloadAttributes.payments(250, SHA, "b-0001", ContentEncoding.GZIP, 48213).toStringAttributes());
        m.put(EXTENDED_PAYLOAD_SIZE, "48213");
        return m;
    }

    @Test
    void roundTripsOwnAttributesPlusTheReservedSize() {
        PayloadAttributes a = PayloadAttributes.parse(wire());
        assertEquals(PayloadAttributes.payments(250, SHA, "b-0001", ContentEncoding.GZIP, 48213), a);
        assertEquals(6, a.toStringAttributes().size());
        assertFalse(a.toStringAttributes().containsKey(EXTENDED_PAYLOAD_SIZE));
        assertEquals("gzip", a.toStringAttributes().get(CONTENT_ENCODING));
    }

    @Test
    void acceptsTheLegacySizeAttributeAndNoSizeAtAll() {
        Map<String, String> legacy = wire();
        legacy.remove(EXTENDED_PAYLOAD_SIZE);
        legacy.put(LEGACY_PAYLOAD_SIZE, "77");
        assertEquals(OptionalLong.of(77), PayloadAttributes.parse(legacy).payloadSize());
        legacy.remove(LEGACY_PAYLOAD_SIZE);
        assertEquals(OptionalLong.empty(), PayloadAttributes.parse(legacy).payloadSize());
    }

    @Test
    void contentEncodingDefaultsToIdentity() {
        Map<String, String> m = wire();
        m.remove(CONTENT_ENCODING);
        assertEquals(ContentEncoding.IDENTITY, PayloadAttributes.parse(m).contentEncoding());
    }

    @ParameterizedTest
    @ValueSource(strings = {DATASET, SCHEMA_VERSION, RECORD_COUNT, PAYLOAD_SHA256, BATCH_ID})
    void missingRequiredAttributeIsNamed(String name) {
        Map<String, String> m = wire();
        m.remove(name);
        MessageRejectedException e = assertThrows(MessageRejectedException.class, () -> PayloadAttributes.parse(m));
        assertEquals(ReasonCode.MISSING_ATTRIBUTE, e.reason());
        assertTrue(e.detail().contains(name), e.detail());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "dataset|Payments", "dataset|''", "schema_version|one", "schema_version|0", "record_count|-1",
            "record_count|0", "record_count|1.5", "record_count|9999999999999999999", "payload_sha256|ABC",
            "payload_sha256|9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08",
            "batch_id|a/../b", "batch_id|''", "content_encoding|br", "ExtendedPayloadSize|12.0",
            "SQSLargePayloadSize|1"})
    void badAttributeValueIsNamed(String name, String value) {
        Map<String, String> m = wire();
        m.put(name, value);
        MessageRejectedException e = assertThrows(MessageRejectedException.class, () -> PayloadAttributes.parse(m));
        assertEquals(ReasonCode.BAD_ATTRIBUTE, e.reason(), e.getMessage());
        assertTrue(e.detail().contains(name.equals(LEGACY_PAYLOAD_SIZE) ? EXTENDED_PAYLOAD_SIZE : name), e.detail());
    }

    @Test
    void otherSchemaVersionsAreUnsupported() {
        Map<String, String> m = wire();
        m.put(SCHEMA_VERSION, "2");
        assertEquals(ReasonCode.UNSUPPORTED_SCHEMA_VERSION,
                assertThrows(MessageRejectedException.class, () -> PayloadAttributes.parse(m)).reason());
    }
}
