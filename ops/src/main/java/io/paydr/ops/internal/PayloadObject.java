package io.paydr.ops.internal;

import io.paydr.contract.AttributeNames;
import io.paydr.contract.ContentEncoding;
import io.paydr.contract.PayloadAttributes;

import java.util.OptionalLong;

/**
 * What replay needs to know about one stored payload to write its pointer message.
 *
 * @param sha256Source where the digest came from: "s3-checksum", "metadata" or "computed"
 */
public record PayloadObject(String bucket, String key, String batchId, ContentEncoding encoding, long size,
                            long recordCount, String sha256Hex, String schemaVersion, String sha256Source) {

    public PayloadAttributes attributes() {
        return new PayloadAttributes(AttributeNames.DATASET_PAYMENTS, schemaVersion, recordCount, sha256Hex, batchId,
                encoding, OptionalLong.of(size));
    }
}
