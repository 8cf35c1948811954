package io.paydr.ingest.payload;

import io.paydr.ingest.internal.JsonLog;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Region of each bucket this function reads, looked up once per bucket (GetBucketLocation) and cached for the
 * life of the container. COPY needs {@code REGION} when the bucket is not in the warehouse's Region.
 */
public final class BucketRegions {
    private final S3Client s3;
    private final String localRegion;
    private final Map<String, String> regions = new ConcurrentHashMap<>();

    public BucketRegions(S3Client s3, String localRegion) {
        this.s3 = s3;
        this.localRegion = localRegion;
    }

    /** The bucket's Region if it is not the local one; empty if local or unknown (the lookup failure is logged). */
    public Optional<String> remoteRegionOf(String bucket) {
        String region = regions.get(bucket);
        if (region == null) {
            try {
                region = normalise(s3.getBucketLocation(r -> r.bucket(bucket)).locationConstraintAsString());
                regions.put(bucket, region);
            } catch (SdkException e) {
                JsonLog.warn("bucket_region_unknown", Map.of("bucket", bucket, "error", String.valueOf(e.getMessage())));
                return Optional.empty();
            }
        }
        return region.equals(localRegion) ? Optional.empty() : Optional.of(region);
    }

    /** S3 reports us-east-1 as no constraint and the oldest EU buckets as "EU". */
    static String normalise(String locationConstraint) {
        if (locationConstraint == null || locationConstraint.isEmpty() || locationConstraint.equals("null")) {
            return "us-east-1";
        }
        return locationConstraint.equals("EU") ? "eu-west-1" : locationConstraint;
    }
}
