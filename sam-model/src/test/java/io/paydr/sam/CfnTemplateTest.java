package io.paydr.sam;

import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The template model: sections, parameter values, SAM's Globals merge and a function's environment variables. */
class CfnTemplateTest {

    private static final CfnTemplate TEMPLATE = TemplateFixture.template();

    @Test
    void sectionsAreReadInTemplateOrder() {
        assertEquals(List.of("Stage", "Role", "BucketName", "PeerBucketName", "SecretArn"),
                List.copyOf(TEMPLATE.parameters().keySet()));
        assertEquals(List.of("PayloadBucket", "Queue", "PeerReader", "Worker", "Reporter"),
                List.copyOf(TEMPLATE.resources().keySet()));
        assertEquals(List.of("SecondaryNeedsPeer"), List.copyOf(TEMPLATE.rules().keySet()));
        assertEquals(5, TEMPLATE.conditions().size());
        assertEquals(Map.of("Fn::GetAtt", List.of("Queue", "Arn")),
                CfnYaml.asMap(TEMPLATE.outputs().get("QueueArn"), "QueueArn").get("Value"));
        assertEquals("AWS::SQS::Queue", TEMPLATE.type("Queue"));
    }

    @Test
    void parameterValuesAreOverridesElseDefaultsOfDeclaredParametersOnly() {
        Map<String, String> values = TEMPLATE.parameterValues(Map.of("Stage", "prod", "NotDeclared", "x"));
        assertEquals(Map.of("Stage", "prod", "Role", "primary", "BucketName", "app-payloads", "PeerBucketName", ""),
                values, "SecretArn has no Default and no override, so it is left out");
        assertEquals("arn:x", TEMPLATE.parameterValues(Map.of("SecretArn", "arn:x")).get("SecretArn"));
    }

    @Test
    void functionPropertiesMergeGlobalsKeyByKeyAndTheFunctionWins() {
        Map<String, Object> worker = TEMPLATE.properties("Worker");
        assertEquals("java21", worker.get("Runtime"), "from Globals");
        assertEquals(512, ((Number) worker.get("MemorySize")).intValue(), "the function's own value wins");
        Map<String, Object> variables = CfnTemplate.environmentVariables(worker, "Worker");
        assertEquals(List.of("STAGE", "PEER", "ARN", "LISTED", "JOINED", "SECRET", "QUEUE_URL", "QUEUE_ARN", "BUCKET"),
                List.copyOf(variables.keySet()), "both maps of variables, merged");
        assertEquals("worker-override", variables.get("STAGE"));
        assertEquals(Map.of("Ref", "Stage"),
                CfnTemplate.environmentVariables(TEMPLATE.properties("Reporter"), "Reporter").get("STAGE"),
                "unresolved: a function without own variables gets the global ones as written");
    }

    @Test
    void otherResourcesGetNoGlobals() {
        assertFalse(TEMPLATE.properties("PayloadBucket").containsKey("Runtime"));
        assertEquals(Map.of(), TEMPLATE.properties("Queue"), "no Properties at all");
        assertEquals(Map.of(), CfnTemplate.environmentVariables(TEMPLATE.properties("Queue"), "Queue"));
    }

    @Test
    void unknownResourceAndUnreadableFileNameTheProblem() {
        CfnYaml.TemplateException unknown = assertThrows(CfnYaml.TemplateException.class, () -> TEMPLATE.properties("Nope"));
        assertTrue(unknown.getMessage().contains("resource Nope"), unknown.getMessage());
        UncheckedIOException missing = assertThrows(UncheckedIOException.class,
                () -> CfnTemplate.read(Path.of("no-such-template.yaml")));
        assertTrue(missing.getMessage().contains("no-such-template.yaml"), missing.getMessage());
    }
}
