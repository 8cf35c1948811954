package io.paydr.ingest.payload;

import io.paydr.aws.DataApiException;
import io.paydr.ingest.load.ObjectStore;
import io.paydr.ingest.load.StagedObject;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * This Region's staging bucket (STAGING_BUCKET): staged objects under {@value #STAGED_PREFIX}, named by the identity
 * of the payload whose verified records they hold (the same content for the same identity, so a rewrite changes
 * nothing), and COPY manifests. A write failure is transient: the messages retry.
 */
public final class StagingStore implements ObjectStore {
    static final String STAGED_PREFIX = "staging/";
    /** One part of a multipart staged object: the memory a payload being verified holds at most (S3 minimum: 5 MiB). */
    static final int PART_BYTES = 8 << 20;

    private final S3Client s3;
    private final String bucket;

    public StagingStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public String bucket() {
        return bucket;
    }

    /** Where a payload's records are written while it is verified: memory up to a part, then S3 part by part. */
    StagingOutput output(String identity) {
        return new StagingOutput(new Multipart(key(identity)), PART_BYTES);
    }

    /** Writes the pending staged object of a verified payload; returns where, with the rows digest. */
    public StagedObject stage(String identity, StagedRows rows) {
        String key = key(identity);
        try {
            s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/x-ndjson"),
                    RequestBody.fromContentProvider(rows::open, rows.length(), "application/x-ndjson"));
        } catch (SdkException e) {
            throw failed("staging", key, e);
        }
        return new StagedObject(bucket, key, rows.rowsDigest());
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        try {
            s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType),
                    RequestBody.fromContentProvider(() -> new ByteArrayInputStream(content), content.length, contentType));
        } catch (SdkException e) {
            throw failed("writing", key, e);
        }
    }

    private static String key(String identity) {
        return STAGED_PREFIX + identity + ".jsonl";
    }

    private DataApiException failed(String what, String key, SdkException e) {
        return new DataApiException(DataApiException.Kind.TRANSIENT,
                what + " s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
    }

    /** A staged object too large for one part; the upload starts with its first part. */
    private final class Multipart implements StagingOutput.Multipart {
        private final String key;
        private final List<CompletedPart> parts = new ArrayList<>();
        private String uploadId;

        Multipart(String key) {
            this.key = key;
        }

        @Override
        public void uploadPart(int partNumber, byte[] bytes, int length) {
            try {
                if (uploadId == null) {
                    uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)
                            .contentType("application/x-ndjson")).uploadId();
                }
                String etag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
                        RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes, 0, length), length,
                                "application/x-ndjson")).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            } catch (SdkException e) {
                throw new PayloadUnavailableException("staging part " + partNumber + " of s3://" + bucket + "/" + key
                        + " failed: " + e.getMessage(), e);
            }
        }

        @Override
        public StagedObject complete(int partCount, String rowsDigest) {
            try {
                s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                        .multipartUpload(m -> m.parts(parts)));
            } catch (SdkException e) {
                throw new PayloadUnavailableException("completing s3://" + bucket + "/" + key + " failed: "
                        + e.getMessage(), e);
            }
            return new StagedObject(bucket, key, rowsDigest);
        }

        @Override
        public void abort() {
            if (uploadId == null) {
                return;
            }
            try {
                s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            } catch (SdkException e) {
                // the bucket's lifecycle rule removes incomplete uploads after a day
            }
        }
    }
}
