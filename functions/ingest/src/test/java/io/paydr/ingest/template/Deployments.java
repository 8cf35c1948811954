package io.paydr.ingest.template;

import io.paydr.sam.CfnTemplate;
import io.paydr.sam.SamConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameter sets the tests deploy: every environment of samconfig.toml as written, plus variants for
 * the branches samconfig does not take (drain mode, SSE-S3 without keys, a provisioned cluster).
 */
final class Deployments {

    /** A named parameter set and the Region it deploys to. */
    record Named(String name, String region, Map<String, String> parameters) {
        Deployment deploy(CfnTemplate template) {
            return Deployment.of(template, parameters);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private Deployments() {
    }

    static List<Named> all() {
        List<Named> all = new ArrayList<>();
        for (SamConfig.Table table : SamConfig.repository().tables()) {
            if (!table.parameterOverrides().isEmpty()) {
                all.add(new Named(table.environment(), table.settings().get("region"), table.parameterOverrides()));
            }
        }
        Map<String, String> primary = SamConfig.repository().table("primary", "deploy").parameterOverrides();
        Map<String, String> secondary = SamConfig.repository().table("secondary", "deploy").parameterOverrides();
        all.add(new Named("primary-drain", "us-east-1", with(primary, Map.of("ConsumerMode", "scheduled"))));
        all.add(new Named("secondary-sse-s3-cluster-drain", "us-west-2", with(secondary, Map.of(
                "ConsumerMode", "scheduled",
                "KmsKeyArn", "",
                "PeerKmsKeyArn", "",
                "RedshiftWorkgroupName", "",
                "RedshiftWorkgroupId", "",
                "RedshiftClusterIdentifier", "paydr-us-west-2"))));
        all.add(new Named("primary-sse-s3-no-alarm-topic", "us-east-1", with(primary, Map.of(
                "KmsKeyArn", "", "PeerKmsKeyArn", "", "AlarmTopicArn", ""))));
        return all;
    }

    static Map<String, String> with(Map<String, String> base, Map<String, String> changes) {
        Map<String, String> result = new LinkedHashMap<>(base);
        result.putAll(changes);
        return result;
    }
}
