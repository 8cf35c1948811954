package io.paydr.devstack.s3;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.s3.internal.BucketRegions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BucketRegionsTest {

    @Test
    void theCreatingRequestsRegionWinsAndSurvivesARestart(@TempDir Path dir) {
        Path file = dir.resolve("s3-bucket-regions.properties");
        BucketRegions first = new BucketRegions(file);
        first.created("payloads", DevRegion.SECONDARY);
        first.created("gone", DevRegion.SECONDARY);
        first.deleted("gone");

        BucketRegions restarted = new BucketRegions(file);
        assertTrue(restarted.knows("payloads"));
        assertEquals(DevRegion.SECONDARY, restarted.regionOf("payloads", Optional.of(DevRegion.PRIMARY)));
        assertFalse(restarted.knows("gone"));
    }

    @Test
    void unknownBucketsFallBackToTheNameThenTheRequestScopeThenThePrimary() {
        BucketRegions regions = new BucketRegions(null);
        assertEquals(DevRegion.SECONDARY, regions.regionOf("paydr-payloads-us-west-2", Optional.of(DevRegion.PRIMARY)));
        assertEquals(DevRegion.SECONDARY, regions.regionOf("plain", Optional.of(DevRegion.SECONDARY)));
        assertEquals(DevRegion.PRIMARY, regions.regionOf("plain", Optional.empty()));
        assertEquals(DevRegion.SECONDARY, regions.regionOf("us-east-1-to-us-west-2", Optional.of(DevRegion.SECONDARY)),
                "a name with both Region ids says nothing");
        assertEquals(DevRegion.SECONDARY, regions.regionOf(null, Optional.of(DevRegion.SECONDARY)), "ListBuckets");
    }
}
