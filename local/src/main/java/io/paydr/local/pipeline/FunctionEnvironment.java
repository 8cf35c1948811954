package io.paydr.local.pipeline;

import io.paydr.local.stack.RegionStack;
import io.paydr.local.stack.Stacks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ingest function's environment in one Region, as template.yaml sets it (REGION_ROLE, the warehouse,
 * the bucket allowlist, the replica map of the secondary), on top of devstack's endpoint variables.
 */
public final class FunctionEnvironment {

    /** Warehouse identity on devstack: workgroup paydr-REGION, database payments (docs/interfaces.md). */
    public static final String DATABASE = "payments";

    private FunctionEnvironment() {
    }

    public static Map<String, String> of(Map<String, String> devstackEnvironment, Stacks stacks, RegionStack region) {
        Map<String, String> env = new LinkedHashMap<>(devstackEnvironment);
        env.put("REGION_ROLE", region.primary() ? "primary" : "secondary");
        env.put("REDSHIFT_WORKGROUP", workgroup(region.regionId()));
        env.put("REDSHIFT_DATABASE", DATABASE);
        // devstack's Data API ignores the secret, but the function (like AWS) needs a credential to name
        env.put("REDSHIFT_SECRET_ARN", "arn:aws:secretsmanager:" + region.regionId()
                + ":000000000000:secret:paydr-redshift");
        env.put("ALLOWED_BUCKETS", stacks.primary().bucket() + "," + stacks.secondary().bucket());
        env.put("STAGING_BUCKET", region.bucket()); // this Region's payload bucket, as the template sets it
        if (!region.primary()) {
            env.put("REPLICA_BUCKETS", stacks.primary().bucket() + "=" + stacks.secondary().bucket());
        }
        return Map.copyOf(env);
    }

    public static String workgroup(String regionId) {
        return "paydr-" + regionId;
    }
}
