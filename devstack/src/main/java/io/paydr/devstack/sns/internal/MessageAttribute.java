package io.paydr.devstack.sns.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One SNS message attribute as published: name, data type (String, Number, Binary, optionally with a custom
 * suffix such as {@code Number.int}) and either a string value or binary bytes.
 */
public record MessageAttribute(String name, String dataType, String stringValue, byte[] binaryValue) {

    public boolean isBinary() {
        return dataType.startsWith("Binary");
    }

    /** The value as the SNS JSON envelope writes it: binary values base64-encoded. */
    public String envelopeValue() {
        return isBinary() ? Base64.getEncoder().encodeToString(binaryValue) : stringValue;
    }

    /** What the attribute adds to the 256 KiB message size limit: name, data type and value bytes. */
    public long sizeBytes() {
        long value = isBinary() ? binaryValue.length : utf8(stringValue);
        return utf8(name) + utf8(dataType) + value;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
