package io.paydr.ingest.load;

import java.util.Optional;

/**
 * One COPY into the stage: a single S3 object, or a manifest listing many. {@code region} is set when the bucket
 * is in another Region than the warehouse (COPY needs it then).
 */
public record CopyCommand(String bucket, String key, boolean manifest, boolean gzip, Optional<String> region) {
    public static CopyCommand object(String bucket, String key, boolean gzip, Optional<String> region) {
        return new CopyCommand(bucket, key, false, gzip, region);
    }

    public static CopyCommand manifest(String bucket, String key, boolean gzip, Optional<String> region) {
        return new CopyCommand(bucket, key, true, gzip, region);
    }

    public String s3Url() {
        return "s3://" + bucket + "/" + key;
    }
}
