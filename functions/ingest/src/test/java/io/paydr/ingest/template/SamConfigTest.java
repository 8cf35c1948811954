package io.paydr.ingest.template;

import io.paydr.sam.CfnTemplate;
import io.paydr.sam.RepoFiles;
import io.paydr.sam.SamConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * samconfig.toml deploys a coherent Region pair (each stack names the other's Region, bucket, topic and key),
 * non-interactively, and its devstack environments hand sam local invoke only variables the template declares
 * (sam local ignores the others).
 */
class SamConfigTest {

    private static final CfnTemplate TEMPLATE = CfnTemplate.read(RepoFiles.path("template.yaml"));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"primary", "secondary", "secondary-bootstrap"})
    void deployEnvironmentsRunWithoutPrompts(String environment) {
        Map<String, String> settings = SamConfig.repository().table(environment, "deploy").settings();
        assertEquals("false", settings.get("confirm_changeset"));
        assertTrue(Set.of(settings.get("capabilities").split(" ")).contains("CAPABILITY_IAM"), "the stack creates IAM roles");
        assertTrue("true".equals(settings.get("resolve_s3")) || settings.containsKey("s3_bucket"), "an artifact bucket");
        for (String key : List.of("stack_name", "region", "s3_prefix")) {
            assertTrue(settings.containsKey(key), environment + " lacks " + key);
        }
    }

    @ParameterizedTest(name = "{0} <-> {1}")
    @CsvSource({"primary, secondary", "secondary, primary"})
    void eachRegionNamesItsPeersResources(String self, String peer) {
        SamConfig.Table mine = SamConfig.repository().table(self, "deploy");
        SamConfig.Table theirs = SamConfig.repository().table(peer, "deploy");
        Map<String, String> p = mine.parameterOverrides();
        Map<String, String> q = theirs.parameterOverrides();
        assertEquals(self, p.get("RegionRole"));
        assertEquals(theirs.settings().get("region"), p.get("PeerRegion"));
        assertEquals(q.get("PayloadBucketName"), p.get("PeerBucketName"));
        assertEquals(q.get("KmsKeyArn"), p.get("PeerKmsKeyArn"));
        String account = q.get("RedshiftSecretArn").split(":")[4];
        assertEquals("arn:aws:sns:" + theirs.settings().get("region") + ":" + account + ":" + theirs.settings().get("stack_name") + "-payments",
                p.get("PeerTopicArn"), "the peer's TopicArn output (TopicName is ${AWS::StackName}-payments)");
        assertTrue(p.get("KmsKeyArn").contains(":" + mine.settings().get("region") + ":"), "a KMS key is regional");
        assertTrue(p.get("RedshiftSecretArn").contains(":" + mine.settings().get("region") + ":"), "the warehouse secret of this Region");
    }

    @Test
    void bootstrapIsTheSecondaryBeforeThePrimaryTopicExists() {
        SamConfig.Table bootstrap = SamConfig.repository().table("secondary-bootstrap", "deploy");
        SamConfig.Table secondary = SamConfig.repository().table("secondary", "deploy");
        Map<String, String> expected = new LinkedHashMap<>(secondary.parameterOverrides());
        expected.remove("PeerTopicArn");
        assertEquals(expected, bootstrap.parameterOverrides());
        assertEquals(secondary.settings(), bootstrap.settings(), "the same stack, updated by the next deploy");
        assertTrue(!Deployment.of(TEMPLATE, bootstrap.parameterOverrides()).has("PeerTopicSubscription"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"devstack, IngestFunction", "devstack-drain, ScheduledDrainFunction"})
    void devstackEnvJsonSetsOnlyVariablesTheTemplateDeclares(String environment, String function) throws IOException {
        SamConfig.Table local = SamConfig.repository().table(environment, "local_invoke");
        assertEquals("events/env.json", local.settings().get("env_vars"));
        assertEquals("devstack", local.parameterOverrides().get("LocalEndpoints"));
        Deployment deployment = Deployment.of(TEMPLATE, local.parameterOverrides());
        Map<String, Object> declared = TemplateSecurityReview.environment(deployment.resource(function));
        Map<String, String> given = LambdaEventFilesTest.envJson().get(function);
        assertTrue(declared.keySet().containsAll(given.keySet()),
                "sam local ignores variables the template does not declare: " + given.keySet().stream().filter(k -> !declared.containsKey(k)).toList());
        declared.forEach((name, value) -> {
            if (value instanceof String plain) {
                assertEquals(plain, given.getOrDefault(name, plain), name + " differs between template and env.json");
            } else {
                assertTrue(given.containsKey(name), name + " is " + value + " in the template; sam local needs a value from env.json");
            }
        });
        assertEquals(local.settings().get("region"), given.get("REDSHIFT_SECRET_ARN").split(":")[3]);
    }
}
