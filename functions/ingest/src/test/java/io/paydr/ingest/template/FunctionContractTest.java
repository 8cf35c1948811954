package io.paydr.ingest.template;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.paydr.sam.CfnTemplate;
import io.paydr.sam.RepoFiles;
import io.paydr.ingest.config.DrainSettings;
import io.paydr.ingest.config.IngestConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The template and the function code agree: handler names resolve to handler classes with the constructors Lambda
 * and in-process runs use, the variables the template sets are the ones IngestConfig reads, and the environment each
 * deployment gives the function is one IngestConfig accepts.
 */
class FunctionContractTest {

    private static final CfnTemplate TEMPLATE = CfnTemplate.read(RepoFiles.path("template.yaml"));
    private static final String ACCOUNT = "123456789012";

    static List<Deployments.Named> deployments() {
        return Deployments.all();
    }

    @Test
    void handlerNamesResolveToLambdaHandlers() throws ReflectiveOperationException {
        Map<String, String> handlers = Map.of(
                TemplateWiringTest.SQS_HANDLER, "com.amazonaws.services.lambda.runtime.events.SQSEvent",
                TemplateWiringTest.DRAIN_HANDLER, "com.amazonaws.services.lambda.runtime.events.ScheduledEvent");
        for (Map.Entry<String, String> handler : handlers.entrySet()) {
            String[] name = handler.getKey().split("::");
            Class<?> type = Class.forName(name[0]);
            assertTrue(RequestHandler.class.isAssignableFrom(type), type + " is not a RequestHandler");
            assertTrue(Modifier.isPublic(type.getConstructor().getModifiers()), type + " needs a public no-arg constructor for Lambda");
            type.getConstructor(IngestConfig.class);
            type.getMethod(name[1], Class.forName(handler.getValue()), Context.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void templateSetsOnlyVariablesTheCodeReads(Deployments.Named named) {
        Deployment deployment = named.deploy(TEMPLATE);
        Map<String, Object> env = TemplateSecurityReview.environment(TemplateWiringTest.consumer(deployment));
        assertTrue(env.keySet().containsAll(IngestConfig.REQUIRED_VARIABLES), "required: " + IngestConfig.REQUIRED_VARIABLES);
        for (String name : env.keySet()) {
            boolean own = IngestConfig.ENVIRONMENT_VARIABLES.contains(name);
            boolean runtime = IngestConfig.RUNTIME_VARIABLES.contains(name);
            assertTrue(own || runtime && deployment.parameter("LocalEndpoints").equals("devstack"),
                    name + " is not read by IngestConfig (or is a runtime variable outside sam local)");
        }
        Set<String> lambdaSets = Set.of(IngestConfig.AWS_REGION, IngestConfig.AWS_ACCESS_KEY_ID,
                IngestConfig.AWS_SECRET_ACCESS_KEY, IngestConfig.AWS_SESSION_TOKEN);
        lambdaSets.forEach(reserved -> assertTrue(!env.containsKey(reserved), reserved + " is reserved: Lambda sets it"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void theTimeoutTheFunctionChecksItsLimitsAgainstIsItsTimeout(Deployments.Named named) {
        Deployment deployment = named.deploy(TEMPLATE);
        Deployment.Resource function = TemplateWiringTest.consumer(deployment);
        Object declared = TemplateSecurityReview.environment(function).get(IngestConfig.FUNCTION_TIMEOUT_SECONDS);
        assertEquals(String.valueOf(function.properties().get("Timeout")), String.valueOf(declared),
                function.id() + ": FUNCTION_TIMEOUT_SECONDS must equal Timeout");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void deployedEnvironmentIsAValidIngestConfig(Deployments.Named named) {
        Deployment deployment = named.deploy(TEMPLATE);
        Deployment.Resource function = TemplateWiringTest.consumer(deployment);
        String region = named.region();
        Map<String, String> env = new HashMap<>();
        TemplateSecurityReview.environment(function).forEach((name, value) -> env.put(name, deployedValue(deployment, value, region)));
        env.put(IngestConfig.AWS_REGION, region);
        // Lambda sets it from MemorySize; the payload limits are checked against it (and FUNCTION_TIMEOUT_SECONDS)
        env.put(IngestConfig.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, String.valueOf(function.properties().get("MemorySize")));

        IngestConfig config = IngestConfig.fromEnvironment(env);
        assertEquals(deployment.parameter("RegionRole"), config.regionRole().value());
        assertEquals(Set.of(deployment.parameter("PayloadBucketName"), deployment.parameter("PeerBucketName")), config.allowedBuckets());
        assertEquals(deployment.parameter("RegionRole").equals("secondary")
                        ? Map.of(deployment.parameter("PeerBucketName"), deployment.parameter("PayloadBucketName")) : Map.of(),
                config.replicaBuckets());
        assertEquals(deployment.parameter("RedshiftCopyRoleArn"), config.copyRole());
        assertEquals(deployment.parameter("PayloadBucketName"), config.stagingBucket());
        if (function.id().equals("ScheduledDrainFunction")) {
            DrainSettings drain = config.drain();
            assertEquals(Integer.parseInt(deployment.parameter("DrainMaxMessages")), drain.maxMessages());
        }
    }

    @Test
    void envJsonConfiguresBothFunctionsForSamLocal() throws java.io.IOException {
        Map<String, Map<String, String>> envJson = LambdaEventFilesTest.envJson();
        for (String function : List.of("IngestFunction", "ScheduledDrainFunction")) {
            Map<String, String> env = new HashMap<>(envJson.get(function));
            env.put(IngestConfig.AWS_REGION, "us-east-1"); // sam local sets it from --region / samconfig
            IngestConfig config = IngestConfig.fromEnvironment(env);
            assertEquals(Set.of("paydr-payloads-us-east-1", "paydr-payloads-us-west-2"), config.allowedBuckets());
            assertEquals("paydr-payloads-us-east-1", config.stagingBucket());
        }
    }

    /** What CloudFormation puts in a variable: plain values as they are, a queue's Ref as its URL, a bucket's as its name. */
    private static String deployedValue(Deployment deployment, Object value, String region) {
        return switch (PolicyStatement.text(value)) {
            case "${IngestQueue}" -> "https://sqs." + region + ".amazonaws.com/" + ACCOUNT + "/paydr-ingest-IngestQueue-1A2B3C";
            case "${PayloadBucket}" -> deployment.parameter("PayloadBucketName");
            default -> {
                assertTrue(value instanceof String || value instanceof Number,
                        "the function's environment refers to " + value + ", which this test cannot resolve");
                yield String.valueOf(value);
            }
        };
    }
}
