package io.paydr.local.pipeline;

import io.paydr.local.invoke.FunctionEnvironment;
import io.paydr.local.stack.RegionStack;
import io.paydr.local.stack.Stacks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Region's stack on devstack as template.yaml's parameters (role, warehouse, buckets), and the ingest
 * function's environment the template makes of them, with devstack's endpoint variables on top.
 */
public final class StackParameters {

    /** Warehouse identity on devstack: workgroup paydr-REGION, database payments (docs/interfaces.md). */
    public static final String DATABASE = "payments";
    static final String FUNCTION = "IngestFunction";

    private StackParameters() {
    }

    public static Map<String, String> functionEnvironment(Map<String, String> devstackEnvironment, Stacks stacks,
                                                          RegionStack region) {
        RegionStack peer = region.primary() ? stacks.secondary() : stacks.primary();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("RegionRole", region.primary() ? "primary" : "secondary");
        parameters.put("RedshiftWorkgroupName", workgroup(region.regionId()));
        parameters.put("RedshiftDatabase", DATABASE);
        // devstack's Data API ignores the secret, but the function (like AWS) needs a credential to name
        parameters.put("RedshiftSecretArn", "arn:aws:secretsmanager:" + region.regionId()
                + ":000000000000:secret:paydr-redshift");
        parameters.put("PayloadBucketName", region.bucket());
        parameters.put("PeerBucketName", peer.bucket());
        Map<String, String> env = new LinkedHashMap<>(
                FunctionEnvironment.fromTemplate(FUNCTION, parameters, region.regionId()));
        env.putAll(devstackEnvironment);
        return Map.copyOf(env);
    }

    public static String workgroup(String regionId) {
        return "paydr-" + regionId;
    }
}
