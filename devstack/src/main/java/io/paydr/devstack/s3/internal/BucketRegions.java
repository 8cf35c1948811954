package io.paydr.devstack.s3.internal;

import io.paydr.devstack.DevRegion;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which Region each bucket lives in, for the one S3 endpoint that serves both Regions.
 *
 * <p>A bucket's Region is the SigV4 credential scope of the request that created it (the SDK also puts that
 * Region into the LocationConstraint). With a persistent store the record is kept in a properties file next to
 * it, so it survives restarts. Buckets devstack did not see being created fall back to a Region id in the bucket
 * name ({@code paydr-payloads-us-west-2}), then to the scope of the request at hand, then to the primary Region.
 */
public final class BucketRegions {

    private final Map<String, DevRegion> regions = new ConcurrentHashMap<>();
    private final Path file;

    /** {@code file} null keeps the record in memory only. */
    public BucketRegions(Path file) {
        this.file = file;
        if (file != null && Files.isRegularFile(file)) {
            load(file).forEach((bucket, region) -> regions.put((String) bucket, DevRegion.of((String) region)));
        }
    }

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
        save();
    }

    public void deleted(String bucket) {
        regions.remove(bucket);
        save();
    }

    private synchronized void save() {
        if (file == null) {
            return;
        }
        Properties snapshot = new Properties();
        regions.forEach((bucket, region) -> snapshot.setProperty(bucket, region.id()));
        try (Writer out = Files.newBufferedWriter(file)) {
            snapshot.store(out, "devstack: the Region of each bucket");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record bucket Regions in " + file, e);
        }
    }

    private static Properties load(Path file) {
        Properties stored = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            stored.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bucket Regions from " + file, e);
        }
        return stored;
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
