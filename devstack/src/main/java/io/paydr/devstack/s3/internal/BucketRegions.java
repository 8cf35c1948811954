package io.paydr.devstack.s3.internal;

import io.paydr.devstack.DevRegion;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which Region each bucket lives in, for the one S3 endpoint that serves both Regions.
 *
 * <p>A bucket's Region is the SigV4 credential scope of the request that created it (the SDK also puts that
 * Region into the LocationConstraint). Buckets devstack did not see being created (a filesystem store from an
 * earlier run) fall back to a Region id in the bucket name ({@code paydr-payloads-us-west-2}), then to the
 * scope of the request at hand, then to the primary Region.
 */
public final class BucketRegions {

    private final Map<String, DevRegion> regions = new ConcurrentHashMap<>();

    public DevRegion regionOf(String bucket, Optional<DevRegion> requestScope) {
        if (bucket != null) {
            DevRegion known = regions.get(bucket);
            if (known != null) {
                return known;
            }
            Optional<DevRegion> named = fromName(bucket);
            if (named.isPresent()) {
                return named.get();
            }
        }
        return requestScope.orElse(DevRegion.PRIMARY);
    }

    /** Whether devstack saw this bucket being created (and not deleted since). */
    public boolean knows(String bucket) {
        return regions.containsKey(bucket);
    }

    public void created(String bucket, DevRegion region) {
        regions.put(bucket, region);
    }

    public void deleted(String bucket) {
        regions.remove(bucket);
    }

    private static Optional<DevRegion> fromName(String bucket) {
        Optional<DevRegion> found = Optional.empty();
        for (DevRegion r : DevRegion.values()) {
            if (bucket.contains(r.id())) {
                if (found.isPresent()) {
                    return Optional.empty();
                }
                found = Optional.of(r);
            }
        }
        return found;
    }
}
