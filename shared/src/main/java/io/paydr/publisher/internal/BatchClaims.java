package io.paydr.publisher.internal;

import io.paydr.contract.Sha256;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.Optional;

/**
 * Claims batch ids in the payload bucket: one immutable object per batch id, created with {@code If-None-Match: *},
 * so of all attempts of a batch id exactly one creates it, and every other attempt reads what the id stands for.
 * Under the payload prefix, so the bucket policy protects claims as it protects payloads (no replacing, no deleting).
 */
final class BatchClaims {

    private static final int PRECONDITION_FAILED = 412;
    private static final String CONTENT_TYPE = "application/json";

    private final S3Client s3;
    private final String kmsKeyId;

    BatchClaims(S3Client s3, String kmsKeyId) {
        this.s3 = s3;
        this.kmsKeyId = kmsKeyId;
    }

    /**
     * Creates the claim unless the batch id has one.
     *
     * @return empty when this call created it; else the claim already stored (nothing was written)
     * @throws InvalidClaimException when the object at the claim key is not a claim of this batch id
     */
    Optional<BatchClaim> claim(String bucket, String keyPrefix, String claimKey, BatchClaim claim) {
        byte[] body = claim.json();
        try {
            s3.putObject(b -> b.bucket(bucket).key(claimKey)
                            .contentType(CONTENT_TYPE)
                            .contentLength((long) body.length)
                            .checksumSHA256(Sha256.hexToBase64(Sha256.hexOf(body)))
                            .serverSideEncryption(PayloadUploader.sse(kmsKeyId))
                            .ssekmsKeyId(kmsKeyId)
                            .bucketKeyEnabled(PayloadUploader.bucketKey(kmsKeyId))
                            .metadata(claim.metadata())
                            .ifNoneMatch(PayloadUploader.ANY),
                    RequestBody.fromBytes(body));
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() != PRECONDITION_FAILED) {
                throw e;
            }
        }
        // S3 is strongly consistent: the claim that made the PUT fail is there to read (only an operator's delete
        // in between would make this HEAD fail, as a retryable S3 error)
        try {
            return Optional.of(BatchClaim.fromMetadata(claim.batchId(), keyPrefix,
                    s3.headObject(b -> b.bucket(bucket).key(claimKey)).metadata()));
        } catch (IllegalArgumentException e) {
            throw new InvalidClaimException(e.getMessage(), e);
        }
    }

    /** The object at a batch id's claim key is not a claim of that batch id; the message says what is wrong. */
    static final class InvalidClaimException extends RuntimeException {
        InvalidClaimException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
