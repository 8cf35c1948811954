package io.paydr.publisher.internal;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.ObjectMetadataNames;
import io.paydr.contract.PayloadKeys;
import io.paydr.publisher.BatchIdConflictException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Stores a batch so that its batch id names exactly one payload object, whatever the encoding and the hour of each
 * attempt. The key of a payload depends on both (suffix, {@code hh=} folder), so a conditional write of the payload
 * alone cannot see an earlier attempt under another key. Hence, first, the batch id is claimed at a key that depends
 * on the prefix and the batch id only ({@link BatchClaims}); the claim fixes the payload key and the records digest:
 * <ul>
 *   <li>this attempt created the claim: store the payload at the key it chose;</li>
 *   <li>a claim exists for other records: {@link BatchIdConflictException}, nothing written;</li>
 *   <li>a claim exists for the same records (a retry): the claimed object if it is stored, else store it there, in
 *       the claimed encoding (the first attempt died between claim and payload).</li>
 * </ul>
 * S3 errors propagate as they are (the publisher reports them as STORE_PAYLOAD failures, which a retry resolves).
 */
public final class PayloadStore {

    /** The one object a batch id names, as stored. */
    public record StoredPayload(String key, ContentEncoding encoding, long bytes, String sha256) {
    }

    private static final int NOT_FOUND = 404;

    private final S3Client s3;
    private final String bucket;
    private final String keyPrefix;
    private final PayloadUploader uploader;
    private final BatchClaims claims;

    public PayloadStore(S3Client s3, String bucket, String keyPrefix, String kmsKeyId, PayloadUploader uploader) {
        this.s3 = s3;
        this.bucket = bucket;
        this.keyPrefix = keyPrefix;
        this.uploader = uploader;
        this.claims = new BatchClaims(s3, kmsKeyId);
    }

    /**
     * @param firstKey the payload key this attempt would choose if it were the batch id's first (its hour, its
     *                 encoding); a later attempt gets the key the first one chose
     */
    public StoredPayload store(String batchId, String firstKey, Instant now, EncodedBatch batch) {
        String claimKey = PayloadKeys.claimKey(keyPrefix, batchId);
        BatchClaim mine = new BatchClaim(batchId, firstKey, batch.preferred(), batch.recordCount(),
                batch.recordsSha256(), now);
        Optional<BatchClaim> existing;
        try {
            existing = claims.claim(bucket, keyPrefix, claimKey, mine);
        } catch (BatchClaims.InvalidClaimException e) {
            throw new BatchIdConflictException(batchId, bucket, claimKey, url(claimKey)
                    + " is not a claim of this batch id: " + e.getMessage(), e);
        }
        if (existing.isEmpty()) {
            return storeOrFind(mine, batch);
        }
        BatchClaim claim = existing.get();
        if (!claim.sameRecords(mine)) {
            throw new BatchIdConflictException(batchId, bucket, claim.payloadKey(), "the batch id already names "
                    + claim.recordCount() + " other records (claimed " + claim.claimedAt() + " by " + url(claimKey)
                    + ", payload " + url(claim.payloadKey()) + ")", null);
        }
        return find(claim, batch).orElseGet(() -> storeOrFind(claim, batch));
    }

    private StoredPayload storeOrFind(BatchClaim claim, EncodedBatch batch) {
        SpooledPayload payload = batch.in(claim.encoding());
        if (uploader.upload(bucket, claim.payloadKey(), claim.batchId(), claim.recordCount(), payload)) {
            return new StoredPayload(claim.payloadKey(), claim.encoding(), payload.size(), payload.sha256Hex());
        }
        // Taken meanwhile by a racing attempt of this batch, or by a publisher from before claims existed. If that
        // object holds other records, find() refuses; the claim made by this attempt then stays (claims are never
        // deleted), so every later attempt meets the same refusal.
        return find(claim, batch).orElseThrow(() -> SdkClientException.create(url(claim.payloadKey())
                + " was taken but is gone; retry the publish"));
    }

    /** The claimed payload if it is stored, after checking that it holds the claimed records. */
    private Optional<StoredPayload> find(BatchClaim claim, EncodedBatch batch) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(b -> b.bucket(bucket).key(claim.payloadKey()));
        } catch (S3Exception e) {
            if (e.statusCode() == NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        Map<String, String> metadata = head.metadata();
        String sha256 = metadata.get(ObjectMetadataNames.PAYLOAD_SHA256);
        String recordsSha256 = metadata.get(ObjectMetadataNames.RECORDS_SHA256);
        boolean sameRecords = recordsSha256 != null
                ? recordsSha256.equals(claim.recordsSha256())
                // an object stored before payloads carried records-sha256: compare the stored bytes instead
                : sha256 != null && sha256.equals(batch.in(claim.encoding()).sha256Hex());
        if (!sameRecords || sha256 == null
                || !Long.toString(claim.recordCount()).equals(metadata.get(ObjectMetadataNames.RECORD_COUNT))) {
            throw new BatchIdConflictException(claim.batchId(), bucket, claim.payloadKey(), url(claim.payloadKey())
                    + " already holds a payload with other records", null);
        }
        return Optional.of(new StoredPayload(claim.payloadKey(), claim.encoding(), head.contentLength(), sha256));
    }

    private String url(String key) {
        return "s3://" + bucket + "/" + key;
    }
}
