package io.paydr.reliability.support;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.PayloadAttributes;
import io.paydr.contract.PayloadPointer;
import io.paydr.contract.PointerCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A payload object in S3 and the facts its message states about it (as the publisher would state them).
 *
 * @param records the record count the message will claim
 * @param size    the stored size in bytes
 */
public record StoredPayload(String bucket, String key, String batchId, String sha256, long records, long size,
                            ContentEncoding encoding) {

    /** The pointer body payload-offloading writes for this object. */
    public String pointerBody() {
        return PointerCodec.write(new PayloadPointer(bucket, key));
    }

    /** The message attributes of the v1 contract, ExtendedPayloadSize included. */
    public Map<String, String> attributes() {
        Map<String, String> attributes = new LinkedHashMap<>(
                PayloadAttributes.payments(records, sha256, batchId, encoding, size).toStringAttributes());
        attributes.put("ExtendedPayloadSize", Long.toString(size));
        return attributes;
    }

    public StoredPayload withSha256(String otherSha256) {
        return new StoredPayload(bucket, key, batchId, otherSha256, records, size, encoding);
    }

    public StoredPayload withRecords(long otherRecordCount) {
        return new StoredPayload(bucket, key, batchId, sha256, otherRecordCount, size, encoding);
    }

    public StoredPayload withLocation(String otherBucket, String otherKey) {
        return new StoredPayload(otherBucket, otherKey, batchId, sha256, records, size, encoding);
    }
}
