package io.paydr.contract;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.*;

class InboundMessageTest {

    private static final PayloadPointer POINTER =
            new PayloadPointer("paydr-payloads-us-east-1", "payments/v1/dt=2026-11-25/hh=16/b-0001.jsonl.gz");

    @Test
    void rawPointerWithMessageAttributes() {
        InboundMessage m = InboundMessage.parse(Fixtures.resource("pointer-current.json"),
                PayloadAttributesTest.wire());
        assertEquals(POINTER, m.pointer().orElseThrow());
        assertTrue(m.inlinePayload().isEmpty());
        assertEquals(250, m.attributes().recordCount());
        assertEquals(OptionalLong.of(48213), m.attributes().payloadSize());
    }

    @Test
    void snsEnvelopeAsAwsWritesItUnwrapsMessageAndAttributes() {
        InboundMessage m = InboundMessage.parse(Fixtures.resource("sns-envelope.json"), Map.of());
        assertEquals(POINTER, m.pointer().orElseThrow());
        PayloadAttributes a = m.attributes();
        assertEquals("payments", a.dataset());
        assertEquals("b-0001", a.batchId());
        assertEquals(ContentEncoding.GZIP, a.contentEncoding());
        assertEquals(250, a.recordCount());
        assertEquals(OptionalLong.of(48213), a.payloadSize());
        assertEquals(PayloadAttributesTest.SHA, a.payloadSha256());
    }

    @Test
    void inlinePayloadInTheBody() {
        String payload = Fixtures.resource("good.jsonl");
        Map<String, String> attrs = new java.util.HashMap<>(PayloadAttributesTest.wire());
        attrs.put(AttributeNames.CONTENT_ENCODING, "identity");
        attrs.remove(AttributeNames.EXTENDED_PAYLOAD_SIZE);
        InboundMessage m = InboundMessage.parse(payload, attrs);
        assertEquals(payload, m.inlinePayload().orElseThrow());
        assertTrue(m.pointer().isEmpty());
    }

    @Test
    void inlinePayloadCannotClaimGzip() {
        assertEquals(ReasonCode.BAD_ATTRIBUTE, assertThrows(MessageRejectedException.class,
                () -> InboundMessage.parse(Fixtures.resource("good.jsonl"), PayloadAttributesTest.wire())).reason());
    }

    @Test
    void otherSnsMessageTypesAreMalformedEnvelopes() {
        assertEquals(ReasonCode.MALFORMED_ENVELOPE, assertThrows(MessageRejectedException.class,
                () -> InboundMessage.parse(Fixtures.resource("sns-subscription-confirmation.json"), Map.of()))
                .reason());
    }

    @Test
    void envelopeWithoutMessageOrWithTrailingContentIsMalformed() {
        assertEquals(ReasonCode.MALFORMED_ENVELOPE, assertThrows(MessageRejectedException.class,
                () -> InboundMessage.parse("{\"Type\":\"Notification\"}", Map.of())).reason());
        String trailing = Fixtures.resource("sns-envelope.json") + "{}";
        assertEquals(ReasonCode.MALFORMED_ENVELOPE, assertThrows(MessageRejectedException.class,
                () -> InboundMessage.parse(trailing, Map.of())).reason());
    }

    @Test
    void envelopeWithBadPointerKeepsThePointerReason() {
        String env = "{\"Type\":\"Notification\",\"Message\":\"[\\\"evil.Gadget\\\",{}]\"}";
        assertEquals(ReasonCode.UNKNOWN_POINTER_CLASS, assertThrows(MessageRejectedException.class,
                () -> InboundMessage.parse(env, PayloadAttributesTest.wire())).reason());
    }

    @Test
    void pointerWithoutAttributesIsMissingAttribute() {
        assertEquals(ReasonCode.MISSING_ATTRIBUTE, assertThrows(MessageRejectedException.class,
                () -> InboundMessage.parse(Fixtures.resource("pointer-current.json"), Map.of())).reason());
    }

    @Test
    void garbageBodiesAreMalformedMessages() {
        for (String body : new String[]{"", "   ", "hello", "{not json", "42"}) {
            assertEquals(ReasonCode.MALFORMED_MESSAGE, assertThrows(MessageRejectedException.class,
                    () -> InboundMessage.parse(body, PayloadAttributesTest.wire()), body).reason(), body);
        }
    }
}
