package io.paydr.devstack;

import software.amazon.awssdk.regions.Region;

/** The two Regions devstack emulates: the application's primary and its disaster-recovery peer. */
public enum DevRegion {
    PRIMARY(Region.US_EAST_1),
    SECONDARY(Region.US_WEST_2);

    private final Region region;

    DevRegion(Region region) {
        this.region = region;
    }

    public Region region() {
        return region;
    }

    public String id() {
        return region.id();
    }

    public DevRegion peer() {
        return this == PRIMARY ? SECONDARY : PRIMARY;
    }

    /** Resolves an AWS Region id such as {@code us-west-2}; fails with the ids devstack knows. */
    public static DevRegion of(String regionId) {
        for (DevRegion r : values()) {
            if (r.id().equals(regionId)) {
                return r;
            }
        }
        throw new IllegalArgumentException("devstack emulates only us-east-1 and us-west-2, not '" + regionId + "'");
    }
}
