package io.paydr.publisher.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.paydr.contract.ContentEncoding;
import io.paydr.contract.PayloadKeys;
import io.paydr.contract.Sha256;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a batch id stands for, fixed by its first publish attempt: the one payload key (with the partition hour and
 * the encoding of that attempt), the record count, and the SHA-256 of the uncompressed JSON Lines, which is the same
 * whatever the encoding. Two attempts carry the same batch exactly when count and digest agree.
 *
 * <p>Stored as an immutable object at {@link PayloadKeys#claimKey}: the facts travel as user metadata, so a retry
 * reads them with a HEAD (no body to fetch, no {@code kms:Decrypt} under SSE-KMS), and the body repeats them as JSON
 * for people and tools. No payment data is in either.
 */
public record BatchClaim(String batchId, String payloadKey, ContentEncoding encoding, long recordCount,
                         String recordsSha256, Instant claimedAt) {

    static final String BATCH_ID = "batch-id";
    static final String PAYLOAD_KEY = "payload-key";
    static final String CONTENT_ENCODING = "content-encoding";
    static final String RECORD_COUNT = "record-count";
    static final String RECORDS_SHA256 = "records-sha256";
    static final String CLAIMED_AT = "claimed-at";

    private static final JsonFactory JSON = new JsonFactory();

    /** True when the other claim is for the same records: a retry, not a reuse of the batch id. */
    public boolean sameRecords(BatchClaim other) {
        return recordCount == other.recordCount && recordsSha256.equals(other.recordsSha256);
    }

    Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(BATCH_ID, batchId);
        m.put(PAYLOAD_KEY, payloadKey);
        m.put(CONTENT_ENCODING, encoding.headerValue());
        m.put(RECORD_COUNT, Long.toString(recordCount));
        m.put(RECORDS_SHA256, recordsSha256);
        m.put(CLAIMED_AT, claimedAt.toString());
        return m;
    }

    /**
     * The claim stored for a batch id, from its object's metadata.
     *
     * @throws IllegalArgumentException naming the first missing or invalid field: not a claim this publisher wrote
     */
    static BatchClaim fromMetadata(String batchId, String keyPrefix, Map<String, String> metadata) {
        if (!batchId.equals(required(metadata, BATCH_ID))) {
            throw new IllegalArgumentException("its " + BATCH_ID + " is " + metadata.get(BATCH_ID));
        }
        String payloadKey = required(metadata, PAYLOAD_KEY);
        ContentEncoding encoding = ContentEncoding.of(required(metadata, CONTENT_ENCODING));
        // a claim can only send a retry to a payload of this batch id in this prefix's partitions
        if (!payloadKey.startsWith(PayloadKeys.normalizePrefix(keyPrefix) + "/dt=")
                || !payloadKey.endsWith("/" + batchId + encoding.keySuffix())) {
            throw new IllegalArgumentException("its " + PAYLOAD_KEY + " does not name a payload of this batch id");
        }
        String recordsSha256 = required(metadata, RECORDS_SHA256);
        if (!Sha256.isHex(recordsSha256)) {
            throw new IllegalArgumentException("its " + RECORDS_SHA256 + " is not a lowercase hex SHA-256");
        }
        try {
            return new BatchClaim(batchId, payloadKey, encoding, Long.parseLong(required(metadata, RECORD_COUNT)),
                    recordsSha256, Instant.parse(required(metadata, CLAIMED_AT)));
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("its " + RECORD_COUNT + " or " + CLAIMED_AT + " does not parse", e);
        }
    }

    /** The same facts as the metadata, as a small JSON object (snake_case like the message attributes). */
    byte[] json() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("batch_id", batchId);
            g.writeStringField("payload_key", payloadKey);
            g.writeStringField("content_encoding", encoding.headerValue());
            g.writeNumberField("record_count", recordCount);
            g.writeStringField("records_sha256", recordsSha256);
            g.writeStringField("claimed_at", claimedAt.toString());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    private static String required(Map<String, String> metadata, String name) {
        String value = metadata.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("it has no " + name);
        }
        return value;
    }
}
