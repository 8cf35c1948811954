package io.paydr.sam;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Intrinsics resolved against parameter values: conditions and Fn::If the same way in both modes; what needs a
 * deployed stack kept as written by the symbolic resolver and reported, naming the expression, by the concrete one.
 */
class CfnResolverTest {

    private static final CfnTemplate TEMPLATE = TemplateFixture.template();
    private static final Map<String, String> PSEUDO = Map.of(
            "AWS::Region", "us-west-2", "AWS::AccountId", "000000000000", "AWS::Partition", "aws");

    @Test
    void conditionsFollowTheParameterValues() {
        CfnResolver primary = symbolic(Map.of());
        assertTrue(primary.condition("IsPrimary"));
        assertFalse(primary.condition("HasPeer"));
        assertFalse(primary.condition("PrimaryWithPeer"));
        assertTrue(primary.condition("PrimaryOrPeer"));
        assertFalse(primary.condition("IsSecondary"));
        CfnResolver secondary = symbolic(Map.of("Role", "secondary", "PeerBucketName", "east"));
        assertTrue(secondary.condition("IsSecondary"));
        assertFalse(secondary.condition("PrimaryWithPeer"));
        assertTrue(secondary.condition("PrimaryOrPeer"));
    }

    @Test
    void rulesAreEvaluatedAsConditions() {
        Map<String, Object> rule = CfnYaml.asMap(TEMPLATE.rules().get("SecondaryNeedsPeer"), "rule");
        Object assertion = CfnYaml.asMap(CfnYaml.asList(rule.get("Assertions"), "a").get(0), "a").get("Assert");
        assertFalse(symbolic(Map.of("Role", "secondary")).evaluate(assertion));
        assertTrue(symbolic(Map.of("Role", "secondary", "PeerBucketName", "east")).evaluate(assertion));
    }

    @Test
    void unknownConditionIsATemplateError() {
        CfnYaml.TemplateException e = assertThrows(CfnYaml.TemplateException.class,
                () -> symbolic(Map.of()).resolve(Map.of("Fn::If", List.of("NoSuchCondition", "a", "b"))));
        assertEquals("the template has no condition NoSuchCondition", e.getMessage());
    }

    @Test
    void fnIfAndNoValueDropMapEntriesAndListItems() {
        Map<String, Object> primary = resolvedVariables(symbolic(Map.of()), "Worker");
        assertFalse(primary.containsKey("PEER"), "!If [HasPeer, ..., !Ref AWS::NoValue] without a peer: " + primary);
        assertEquals("east", resolvedVariables(symbolic(Map.of("PeerBucketName", "east")), "Worker").get("PEER"));
        assertEquals(List.of("primary", "dev"), symbolic(Map.of()).resolve(TEMPLATE.properties("Reporter").get("Tags")));
        assertEquals(List.of("secondary"),
                symbolic(Map.of("Role", "secondary")).resolve(TEMPLATE.properties("Reporter").get("Tags")));
        assertSame(CfnResolver.NO_VALUE, symbolic(Map.of()).resolve(Map.of("Ref", "AWS::NoValue")));
    }

    @Test
    void symbolicKeepsWhatOnlyADeployedStackKnows() {
        Map<String, Object> variables = resolvedVariables(symbolic(Map.of()), "Worker");
        assertEquals(Map.of("Ref", "Queue"), variables.get("QUEUE_URL"));
        assertEquals(Map.of("Fn::GetAtt", List.of("Queue", "Arn")), variables.get("QUEUE_ARN"));
        assertEquals(Map.of("Ref", "PayloadBucket"), variables.get("BUCKET"));
        assertEquals(Map.of("Ref", "SecretArn"), variables.get("SECRET"), "a parameter without a value");
        assertEquals("arn:${AWS::Partition}:s3:::app-payloads/${AWS::Region}", variables.get("ARN"),
                "parameters substituted, pseudo parameters left as written");
        assertEquals("dev-${AWS::AccountId}", variables.get("LISTED"));
        assertEquals("a,dev", variables.get("JOINED"));
        assertEquals("${Queue.Arn}/x", symbolic(Map.of()).resolve(Map.of("Fn::Sub", "${Queue.Arn}/x")));
        assertEquals("{Ref=Queue}", symbolic(Map.of()).string(Map.of("Ref", "Queue")));
    }

    @Test
    void concreteResolvesPseudoParametersAndLiteralBucketNames() {
        Map<String, Object> variables = resolvedVariables(concrete(Map.of("SecretArn", "arn:s")), "Reporter");
        assertEquals(Map.of("STAGE", "dev", "ARN", "arn:aws:s3:::app-payloads/us-west-2", "LISTED", "dev-000000000000",
                "JOINED", "a,dev", "SECRET", "arn:s"), variables);
        assertEquals("app-payloads-prod", concrete(Map.of("Stage", "prod")).string(Map.of("Ref", "PayloadBucket")),
                "a bucket's Ref is its (resolved) BucketName");
    }

    @Test
    void concreteNamesTheExpressionItCannotResolve() {
        CfnResolver concrete = concrete(Map.of());
        assertEquals("!Ref Queue", unresolvable(concrete, Map.of("Ref", "Queue")));
        assertEquals("!GetAtt Queue.Arn", unresolvable(concrete, Map.of("Fn::GetAtt", List.of("Queue", "Arn"))));
        assertEquals("!Sub ${Queue.Arn}", unresolvable(concrete, Map.of("Fn::Sub", "${Queue.Arn}/x")));
        assertEquals("!Ref SecretArn (a parameter without Default or override)",
                unresolvable(concrete, Map.of("Ref", "SecretArn")));
        assertEquals("!ImportValue shared", unresolvable(concrete, Map.of("Fn::ImportValue", "shared")));
        CfnResolver.Unresolvable list = assertThrows(CfnResolver.Unresolvable.class, () -> concrete.string(List.of("a")));
        assertEquals("a non-scalar value [a]", list.getMessage());
    }

    private static Map<String, Object> resolvedVariables(CfnResolver resolver, String function) {
        Map<String, Object> resolved = new LinkedHashMap<>();
        CfnTemplate.environmentVariables(TEMPLATE.properties(function), function).forEach((name, node) -> {
            Object value = resolver.resolve(node);
            if (value != CfnResolver.NO_VALUE) {
                resolved.put(name, value);
            }
        });
        return resolved;
    }

    private static String unresolvable(CfnResolver resolver, Object node) {
        return assertThrows(CfnResolver.Unresolvable.class, () -> resolver.resolve(node)).getMessage();
    }

    private static CfnResolver symbolic(Map<String, String> overrides) {
        return CfnResolver.symbolic(TEMPLATE, TEMPLATE.parameterValues(overrides));
    }

    private static CfnResolver concrete(Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>(TEMPLATE.parameterValues(overrides));
        values.putAll(PSEUDO);
        return CfnResolver.concrete(TEMPLATE, values);
    }
}
