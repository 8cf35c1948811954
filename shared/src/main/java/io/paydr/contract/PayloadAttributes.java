package io.paydr.contract;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

import static io.paydr.contract.AttributeNames.*;

/**
 * The message attributes of the v1 contract. Our own attributes are Strings; the payload size travels in the
 * reserved Number attribute {@code ExtendedPayloadSize} (or the legacy {@code SQSLargePayloadSize}) and is optional
 * (inline payloads have none). {@code content_encoding} is optional and defaults to identity, as in HTTP.
 */
public record PayloadAttributes(String dataset, String schemaVersion, long recordCount, String payloadSha256,
                                String batchId, ContentEncoding contentEncoding, OptionalLong payloadSize) {

    private static final int MAX_DATASET_LENGTH = 64;

    public PayloadAttributes {
        Objects.requireNonNull(dataset, DATASET);
        Objects.requireNonNull(schemaVersion, SCHEMA_VERSION);
        Objects.requireNonNull(payloadSha256, PAYLOAD_SHA256);
        Objects.requireNonNull(batchId, BATCH_ID);
        Objects.requireNonNull(contentEncoding, CONTENT_ENCODING);
        Objects.requireNonNull(payloadSize, "payloadSize");
    }

    /** The attributes of a v1 payments payload. */
    public static PayloadAttributes payments(long recordCount, String payloadSha256, String batchId,
                                             ContentEncoding encoding, long payloadSize) {
        return new PayloadAttributes(DATASET_PAYMENTS, SCHEMA_V1, recordCount, payloadSha256, batchId, encoding,
                OptionalLong.of(payloadSize));
    }

    /**
     * Reads and checks the attributes of a received message (String and Number values as their string form).
     *
     * @throws MessageRejectedException MISSING_ATTRIBUTE or BAD_ATTRIBUTE naming the attribute, or
     *                                  UNSUPPORTED_SCHEMA_VERSION for a well-formed version other than 1
     */
    public static PayloadAttributes parse(Map<String, String> attributes) {
        Map<String, String> a = attributes == null ? Map.of() : attributes;
        String dataset = required(a, DATASET);
        if (!isDatasetName(dataset)) {
            throw bad(DATASET, "must match [a-z0-9_]{1,64}");
        }
        String version = required(a, SCHEMA_VERSION);
        if (parseCount(version, SCHEMA_VERSION) < 1) {
            throw bad(SCHEMA_VERSION, "must be a positive integer");
        }
        if (!SCHEMA_V1.equals(version)) {
            throw new MessageRejectedException(ReasonCode.UNSUPPORTED_SCHEMA_VERSION,
                    "schema_version is not " + SCHEMA_V1);
        }
        long recordCount = parseCount(required(a, RECORD_COUNT), RECORD_COUNT);
        if (recordCount < 1) {
            throw bad(RECORD_COUNT, "must be at least 1");
        }
        String sha = required(a, PAYLOAD_SHA256);
        if (!Sha256.isHex(sha)) {
            throw bad(PAYLOAD_SHA256, "must be 64 lowercase hex digits");
        }
        String batchId = required(a, BATCH_ID);
        if (!PayloadKeys.isSafeBatchId(batchId)) {
            throw bad(BATCH_ID, "must match [A-Za-z0-9_-]{1,128}");
        }
        return new PayloadAttributes(dataset, version, recordCount, sha, batchId, encoding(a), payloadSize(a));
    }

    /** Our own String attributes, in a stable order, without the reserved size attribute. */
    public Map<String, String> toStringAttributes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(DATASET, dataset);
        m.put(SCHEMA_VERSION, schemaVersion);
        m.put(RECORD_COUNT, Long.toString(recordCount));
        m.put(PAYLOAD_SHA256, payloadSha256);
        m.put(BATCH_ID, batchId);
        m.put(CONTENT_ENCODING, contentEncoding.headerValue());
        return m;
    }

    private static ContentEncoding encoding(Map<String, String> a) {
        String value = a.get(CONTENT_ENCODING);
        if (value == null) {
            return ContentEncoding.IDENTITY;
        }
        try {
            return ContentEncoding.of(value);
        } catch (IllegalArgumentException e) {
            throw bad(CONTENT_ENCODING, "must be identity or gzip");
        }
    }

    private static OptionalLong payloadSize(Map<String, String> a) {
        String current = a.get(EXTENDED_PAYLOAD_SIZE);
        String legacy = a.get(LEGACY_PAYLOAD_SIZE);
        if (current != null && legacy != null && !current.equals(legacy)) {
            throw bad(EXTENDED_PAYLOAD_SIZE, "disagrees with " + LEGACY_PAYLOAD_SIZE);
        }
        if (current != null) {
            return OptionalLong.of(parseCount(current, EXTENDED_PAYLOAD_SIZE));
        }
        if (legacy != null) {
            return OptionalLong.of(parseCount(legacy, LEGACY_PAYLOAD_SIZE));
        }
        return OptionalLong.empty();
    }

    private static String required(Map<String, String> a, String name) {
        String value = a.get(name);
        if (value == null) {
            throw new MessageRejectedException(ReasonCode.MISSING_ATTRIBUTE, "attribute " + name + " is missing");
        }
        return value;
    }

    /** Non-negative decimal integer of at most 18 digits (so it always fits a long). */
    private static long parseCount(String value, String name) {
        if (value.isEmpty() || value.length() > 18) {
            throw bad(name, "must be a non-negative decimal integer");
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                throw bad(name, "must be a non-negative decimal integer");
            }
        }
        return Long.parseLong(value);
    }

    private static boolean isDatasetName(String s) {
        if (s.isEmpty() || s.length() > MAX_DATASET_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static MessageRejectedException bad(String name, String rule) {
        return new MessageRejectedException(ReasonCode.BAD_ATTRIBUTE, "attribute " + name + " " + rule);
    }
}
