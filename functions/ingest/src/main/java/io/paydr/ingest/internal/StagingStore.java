package io.paydr.ingest.internal;

import io.paydr.ingest.load.DataApiException;
import io.paydr.ingest.load.ObjectStore;
import io.paydr.ingest.load.StagedObject;
import io.paydr.ingest.payload.StagedRows;
import java.io.ByteArrayInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * This Region's staging bucket (STAGING_BUCKET): staged objects under {@value #STAGED_PREFIX}, named by the identity
 * of the payload whose verified records they hold, and COPY manifests. A write failure is transient.
 */
public final class StagingStore implements ObjectStore {
    static final String STAGED_PREFIX = "staging/";

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

    /** Stages a verified payload's records for COPY; returns where, with the chain's last link. */
    public StagedObject stage(String identity, StagedRows rows) {
        String key = STAGED_PREFIX + identity + ".jsonl";
        try {
            s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/x-ndjson"),
                    RequestBody.fromContentProvider(rows::open, rows.length(), "application/x-ndjson"));
        } catch (SdkException e) {
            throw new DataApiException(DataApiException.Kind.TRANSIENT,
                    "staging s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
        }
        return new StagedObject(bucket, key, rows.lastChain());
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        try {
            s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType),
                    RequestBody.fromContentProvider(() -> new ByteArrayInputStream(content), content.length, contentType));
        } catch (SdkException e) {
            throw new DataApiException(DataApiException.Kind.TRANSIENT,
                    "writing s3://" + bucket + "/" + key + " failed: " + e.getMessage(), e);
        }
    }
}
