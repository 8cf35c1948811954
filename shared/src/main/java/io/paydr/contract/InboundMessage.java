package io.paydr.contract;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A received message in any of the forms real senders produce, reduced to one model: a pointer to an S3 payload or
 * an inline NDJSON payload, plus the parsed attributes. Accepted bodies: a raw pointer (SNS raw delivery, SQS
 * extended client), an SNS JSON envelope (subscription without raw delivery: the attributes then come from the
 * envelope's MessageAttributes), or the NDJSON payload itself (small payloads sent inline).
 */
public final class InboundMessage {

    private static final String NOTIFICATION = "Notification";

    private final PayloadPointer pointer;
    private final String inlinePayload;
    private final PayloadAttributes attributes;

    private InboundMessage(PayloadPointer pointer, String inlinePayload, PayloadAttributes attributes) {
        this.pointer = pointer;
        this.inlinePayload = inlinePayload;
        this.attributes = attributes;
    }

    /**
     * @param body       the message body as received
     * @param attributes message attributes (String and Number values as strings); may be empty for an envelope
     * @throws MessageRejectedException with the reason of the first problem found
     */
    public static InboundMessage parse(String body, Map<String, String> attributes) {
        if (body == null || body.isBlank()) {
            throw new MessageRejectedException(ReasonCode.MALFORMED_MESSAGE, "empty body");
        }
        Map<String, String> attrs = attributes == null ? Map.of() : attributes;
        String trimmed = body.strip();
        if (trimmed.startsWith("[")) {
            return new InboundMessage(PointerCodec.parse(trimmed), null, PayloadAttributes.parse(attrs));
        }
        if (!trimmed.startsWith("{")) {
            throw new MessageRejectedException(ReasonCode.MALFORMED_MESSAGE,
                    "body is neither a pointer, an SNS envelope nor a JSON Lines payload");
        }
        JsonNode first = firstValue(trimmed);
        if (first.has("Type")) {
            return fromEnvelope(first, trimmed, attrs);
        }
        return inline(body, PayloadAttributes.parse(attrs));
    }

    public Optional<PayloadPointer> pointer() {
        return Optional.ofNullable(pointer);
    }

    public Optional<String> inlinePayload() {
        return Optional.ofNullable(inlinePayload);
    }

    public PayloadAttributes attributes() {
        return attributes;
    }

    private static InboundMessage fromEnvelope(JsonNode envelope, String body, Map<String, String> outer) {
        requireSingleValue(body);
        if (!NOTIFICATION.equals(envelope.path("Type").asText(null))) {
            throw envelopeError("SNS envelope Type is not Notification");
        }
        JsonNode message = envelope.get("Message");
        if (message == null || !message.isTextual() || message.asText().isBlank()) {
            throw envelopeError("SNS envelope has no Message string");
        }
        Map<String, String> attrs = new HashMap<>(outer);
        attrs.putAll(envelopeAttributes(envelope.get("MessageAttributes")));
        String inner = message.asText();
        String trimmed = inner.strip();
        if (trimmed.startsWith("[")) {
            return new InboundMessage(PointerCodec.parse(trimmed), null, PayloadAttributes.parse(attrs));
        }
        if (trimmed.startsWith("{") && firstValue(trimmed).has("Type")) {
            throw envelopeError("SNS envelope inside an SNS envelope");
        }
        if (!trimmed.startsWith("{")) {
            throw envelopeError("SNS envelope Message is neither a pointer nor a JSON Lines payload");
        }
        return inline(inner, PayloadAttributes.parse(attrs));
    }

    /** {name: {Type, Value}}; String and Number values are taken, Binary ones ignored. */
    private static Map<String, String> envelopeAttributes(JsonNode node) {
        Map<String, String> out = new HashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            throw envelopeError("SNS envelope MessageAttributes is not an object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode type = e.getValue().get("Type");
            JsonNode value = e.getValue().get("Value");
            if (type == null || !type.isTextual() || value == null || !value.isTextual()) {
                throw envelopeError("SNS envelope attribute " + safeName(e.getKey()) + " lacks Type or Value");
            }
            if (type.asText().startsWith("String") || type.asText().startsWith("Number")) {
                out.put(e.getKey(), value.asText());
            }
        }
        return out;
    }

    private static InboundMessage inline(String payload, PayloadAttributes attributes) {
        if (attributes.contentEncoding() != ContentEncoding.IDENTITY) {
            throw new MessageRejectedException(ReasonCode.BAD_ATTRIBUTE,
                    "attribute content_encoding must be identity for an inline payload");
        }
        return new InboundMessage(null, payload, attributes);
    }

    private static JsonNode firstValue(String body) {
        try (JsonParser p = WireJson.FACTORY.createParser(body)) {
            JsonNode node = WireJson.TREE_MAPPER.readTree(p);
            if (node == null || !node.isObject()) {
                throw new MessageRejectedException(ReasonCode.MALFORMED_MESSAGE, "body does not start with a JSON object");
            }
            return node;
        } catch (JacksonException e) {
            throw new MessageRejectedException(ReasonCode.MALFORMED_MESSAGE, "body is not valid JSON");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireSingleValue(String body) {
        try (JsonParser p = WireJson.FACTORY.createParser(body)) {
            p.nextToken();
            p.skipChildren();
            if (p.nextToken() != null) {
                throw envelopeError("trailing content after the SNS envelope");
            }
        } catch (JacksonException e) {
            throw envelopeError("trailing content after the SNS envelope is not valid JSON");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String safeName(String name) {
        return name.length() <= 64 ? name.replaceAll("[^A-Za-z0-9_.-]", "?") : "(long name)";
    }

    private static MessageRejectedException envelopeError(String detail) {
        return new MessageRejectedException(ReasonCode.MALFORMED_ENVELOPE, detail);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InboundMessage m && Objects.equals(pointer, m.pointer)
                && Objects.equals(inlinePayload, m.inlinePayload) && attributes.equals(m.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pointer, inlinePayload, attributes);
    }
}
