package io.paydr.ingest.template;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The publisher's message inside one SQS record of a sample event: its body and its String/Number
 * attributes, unwrapped from the SNS envelope when the subscription was not raw. Test-side reading of
 * the wire contract, kept independent of the ingest code it checks the samples for.
 */
record EventMessage(String body, Map<String, String> attributes, boolean envelope) {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();


    static final List<String> POINTER_CLASSES = List.of(
            "software.amazon.payloadoffloading.PayloadS3Pointer", "com.amazon.sqs.javamessaging.MessageS3Pointer");

    /** A pointer to an S3 payload. */
    record Pointer(String bucket, String key) {
    }

    static EventMessage of(SQSEvent.SQSMessage record) {
        Optional<JsonNode> json = json(record.getBody());
        if (json.isPresent() && json.get().isObject() && "Notification".equals(json.get().path("Type").asText())) {
            Map<String, String> attributes = new HashMap<>();
            json.get().path("MessageAttributes").fields()
                    .forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().path("Value").asText()));
            return new EventMessage(json.get().path("Message").asText(), attributes, true);
        }
        Map<String, String> attributes = new HashMap<>();
        record.getMessageAttributes().forEach((name, attribute) -> attributes.put(name, attribute.getStringValue()));
        return new EventMessage(record.getBody(), attributes, false);
    }

    /** The pointer, when the body is exactly a two-element array of a known class and {s3BucketName, s3Key}. */
    Optional<Pointer> pointer() {
        return json(body).filter(node -> node.isArray() && node.size() == 2
                        && POINTER_CLASSES.contains(node.get(0).asText())
                        && node.get(1).isObject() && node.get(1).size() == 2
                        && node.get(1).path("s3BucketName").isTextual() && node.get(1).path("s3Key").isTextual())
                .map(node -> new Pointer(node.get(1).get("s3BucketName").asText(), node.get(1).get("s3Key").asText()));
    }

    /** The payload size attribute the sender used: ExtendedPayloadSize, or the legacy SQSLargePayloadSize. */
    Optional<String> sizeAttribute() {
        return List.of("ExtendedPayloadSize", "SQSLargePayloadSize").stream().filter(attributes::containsKey).findFirst();
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest("SHA-256").digest(bytes));
    }

    static String md5(String text) {
        return HexFormat.of().formatHex(digest("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** SQS's MD5 of message attributes: sorted by name; length-prefixed name, type, transport byte, value. */
    static String md5OfMessageAttributes(Map<String, SQSEvent.MessageAttribute> attributes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TreeMap<>(attributes).forEach((name, attribute) -> {
            lengthPrefixed(bytes, name.getBytes(StandardCharsets.UTF_8));
            lengthPrefixed(bytes, attribute.getDataType().getBytes(StandardCharsets.UTF_8));
            if (attribute.getStringValue() != null) {
                bytes.write(1);
                lengthPrefixed(bytes, attribute.getStringValue().getBytes(StandardCharsets.UTF_8));
            } else {
                bytes.write(2);
                byte[] binary = new byte[attribute.getBinaryValue().remaining()];
                attribute.getBinaryValue().duplicate().get(binary);
                lengthPrefixed(bytes, binary);
            }
        });
        return HexFormat.of().formatHex(digest("MD5").digest(bytes.toByteArray()));
    }

    private static void lengthPrefixed(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes(new byte[]{(byte) (value.length >>> 24), (byte) (value.length >>> 16), (byte) (value.length >>> 8), (byte) value.length});
        out.writeBytes(value);
    }

    private static Optional<JsonNode> json(String text) {
        try {
            return Optional.of(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " missing from the JDK", e);
        }
    }
}
