package io.paydr.local.invoke;

import io.paydr.sam.CfnResolver;
import io.paydr.sam.RepoFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The function environment read from the repository's template.yaml as sam local builds it: Globals merged,
 * parameters from samconfig's devstack environment or defaults, conditions evaluated, a bucket's Ref resolved to its
 * name, what needs a deployed stack reported as unresolved, and the env-vars file overriding declared variables only.
 */
class FunctionEnvironmentTest {

    private static final SamTemplate TEMPLATE = SamTemplate.load(RepoFiles.path("template.yaml"));
    private static final SamConfigFile DEVSTACK = SamConfigFile.read(RepoFiles.path("samconfig.toml"), "devstack", true);

    @Test
    void ingestFunctionUnderSamconfigsDevstackEnvironment() {
        FunctionEnvironment env = resolve("IngestFunction", DEVSTACK.parameterOverrides(), Optional.empty());
        Map<String, String> v = env.values();
        assertEquals("primary", v.get("REGION_ROLE"));
        assertEquals("paydr-us-east-1", v.get("REDSHIFT_WORKGROUP"));
        assertFalse(v.containsKey("REDSHIFT_CLUSTER_ID"), "!If UsesWorkgroup leaves the cluster out: " + v);
        assertEquals("payments", v.get("REDSHIFT_DATABASE"));
        assertEquals("arn:aws:secretsmanager:us-east-1:000000000000:secret:paydr/redshift/devstack-AbCdEf",
                v.get("REDSHIFT_SECRET_ARN"));
        assertEquals("default", v.get("REDSHIFT_COPY_ROLE_ARN"), "the parameter's Default");
        assertEquals("paydr-payloads-us-east-1,paydr-payloads-us-west-2", v.get("ALLOWED_BUCKETS"), "!Sub");
        assertFalse(v.containsKey("REPLICA_BUCKETS"), "a primary reads no replica: " + v);
        assertEquals("http://127.0.0.1:9000", v.get("AWS_ENDPOINT_URL_S3"), "OnDevstack");
        assertEquals("true", v.get("PAYDR_S3_PATH_STYLE"));
        assertTrue(env.sources().values().stream().allMatch(FunctionEnvironment.FROM_TEMPLATE::equals), env.sources().toString());
        assertEquals(Map.of(), env.unresolved());
    }

    @Test
    void drainFunctionResolvesTheBucketButNotTheQueue() {
        FunctionEnvironment env = resolve("ScheduledDrainFunction", DEVSTACK.parameterOverrides(), Optional.empty());
        assertEquals("paydr-payloads-us-east-1", env.values().get("STAGING_BUCKET"), "!Ref PayloadBucket is its BucketName");
        assertEquals("1000", env.values().get("DRAIN_MAX_MESSAGES"), "a Number parameter's Default");
        assertEquals(Map.of("QUEUE_URL", "!Ref IngestQueue"), env.unresolved());
        assertEquals("primary", env.values().get("REGION_ROLE"), "Globals are merged into the function's own variables");
    }

    @Test
    void secondaryWithAClusterAndNoLocalEndpoints() {
        FunctionEnvironment env = resolve("IngestFunction", Map.of("RegionRole", "secondary", "PeerRegion", "us-east-1",
                "PayloadBucketName", "west-bucket", "PeerBucketName", "east-bucket", "RedshiftClusterIdentifier", "paydr-west",
                "RedshiftSecretArn", "arn:aws:secretsmanager:us-west-2:123456789012:secret:x"), Optional.empty());
        Map<String, String> v = env.values();
        assertEquals("east-bucket=west-bucket", v.get("REPLICA_BUCKETS"));
        assertEquals("paydr-west", v.get("REDSHIFT_CLUSTER_ID"));
        assertFalse(v.containsKey("REDSHIFT_WORKGROUP"), v.toString());
        assertFalse(v.containsKey("AWS_ENDPOINT_URL_S3"), "LocalEndpoints defaults to none: " + v);
    }

    @Test
    void envVarsFileOverridesDeclaredVariablesOnlyAndTheFunctionsObjectWins(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("env.json");
        Files.writeString(file, """
                {"Parameters": {"REGION_ROLE": "secondary", "REDSHIFT_DATABASE": "analytics", "NOT_DECLARED": "x"},
                 "ScheduledDrainFunction": {"REDSHIFT_DATABASE": "drain_db", "QUEUE_URL": "http://localhost:1/0/q",
                                            "DRAIN_MAX_MESSAGES": 7}}
                """);
        FunctionEnvironment env = resolve("ScheduledDrainFunction", DEVSTACK.parameterOverrides(), Optional.of(file));
        assertEquals("secondary", env.values().get("REGION_ROLE"));
        assertEquals("drain_db", env.values().get("REDSHIFT_DATABASE"));
        assertEquals("7", env.values().get("DRAIN_MAX_MESSAGES"));
        assertEquals("http://localhost:1/0/q", env.values().get("QUEUE_URL"));
        assertFalse(env.values().containsKey("NOT_DECLARED"), "sam local ignores undeclared variables");
        assertEquals(Map.of(), env.unresolved(), "QUEUE_URL came from the file");
        assertEquals(FunctionEnvironment.FROM_ENV_VARS, env.sources().get("QUEUE_URL"));
        assertEquals(FunctionEnvironment.FROM_TEMPLATE, env.sources().get("ALLOWED_BUCKETS"));
    }

    @Test
    void missingEnvVarsFileIsAUsageError() {
        InvokeException e = assertThrows(InvokeException.class,
                () -> resolve("IngestFunction", Map.of(), Optional.of(Path.of("no-such-env.json"))));
        assertEquals(InvokeException.USAGE, e.exitStatus());
        assertTrue(e.getMessage().contains("no-such-env.json"), e.getMessage());
    }

    @Test
    void handlerAndTimeoutOfEachFunction() {
        CfnResolver values = TEMPLATE.values(DEVSTACK.parameterOverrides(), "us-east-1");
        assertEquals("io.paydr.ingest.handler.SqsIngestHandler::handleRequest",
                values.string(TEMPLATE.functionProperties("IngestFunction").get("Handler")));
        assertEquals(Duration.ofSeconds(60), TEMPLATE.timeout("IngestFunction", values));
        assertEquals(Duration.ofSeconds(300), TEMPLATE.timeout("ScheduledDrainFunction", values));
        assertTrue(TEMPLATE.eventTypes("IngestFunction").contains("SQS"));
        assertTrue(TEMPLATE.eventTypes("ScheduledDrainFunction").contains("Schedule"));
    }

    @Test
    void intrinsicsBeyondTheTemplatesOwn(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.yaml");
        Files.writeString(file, """
                Parameters:
                  Name: {Type: String, Default: paydr}
                Resources:
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: x.Y::handleRequest
                      Environment:
                        Variables:
                          SUB_LIST: !Sub ["${Name}-${Suffix}-${AWS::Region}", {Suffix: !Ref Name}]
                          JOINED: !Join [",", [a, !Ref Name, !Ref AWS::AccountId]]
                          ATTRIBUTE: !GetAtt Queue.Arn
                          SUB_ATTRIBUTE: !Sub "${Queue.Arn}/x"
                """);
        SamTemplate template = SamTemplate.load(file);
        FunctionEnvironment env = FunctionEnvironment.resolve(template, "Fn",
                template.values(Map.of(), "us-west-2"), Optional.empty());
        assertEquals("paydr-paydr-us-west-2", env.values().get("SUB_LIST"));
        assertEquals("a,paydr,000000000000", env.values().get("JOINED"));
        assertEquals(Map.of("ATTRIBUTE", "!GetAtt Queue.Arn", "SUB_ATTRIBUTE", "!Sub ${Queue.Arn}"), env.unresolved());
    }

    private static FunctionEnvironment resolve(String function, Map<String, String> overrides, Optional<Path> envVars) {
        return FunctionEnvironment.resolve(TEMPLATE, function, TEMPLATE.values(overrides, "us-east-1"), envVars);
    }
}
