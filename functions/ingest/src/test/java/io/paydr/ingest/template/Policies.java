package io.paydr.ingest.template;

import io.paydr.sam.CfnYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Collects the policy statements a deployment creates, by kind. */
final class Policies {

    static final List<String> RESOURCE_POLICY_TYPES = List.of(
            "AWS::S3::BucketPolicy", "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy");

    private Policies() {
    }

    /** Inline role policies and stand-alone IAM policies: what principals of this stack may do. */
    static List<PolicyStatement> identity(Deployment deployment) {
        List<PolicyStatement> statements = new ArrayList<>();
        for (Deployment.Resource role : deployment.ofType("AWS::IAM::Role")) {
            statements.addAll(ofRole(deployment, role.id()));
        }
        for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")) {
            for (Deployment.Resource policy : deployment.ofType(type)) {
                statements.addAll(document(policy.id(), policy.properties().get("PolicyDocument")));
            }
        }
        return statements;
    }

    /** The inline policies of one role plus stand-alone policies attached to it. */
    static List<PolicyStatement> ofRole(Deployment deployment, String roleId) {
        Deployment.Resource role = deployment.resource(roleId);
        List<PolicyStatement> statements = new ArrayList<>();
        for (Object policy : CfnYaml.asList(role.properties().getOrDefault("Policies", List.of()), roleId + ".Policies")) {
            Map<String, Object> inline = CfnYaml.asMap(policy, roleId + " policy");
            statements.addAll(document(roleId + ":" + inline.get("PolicyName"), inline.get("PolicyDocument")));
        }
        for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")) {
            for (Deployment.Resource policy : deployment.ofType(type)) {
                List<String> roles = PolicyStatement.texts(policy.properties().get("Roles"));
                if (roles.contains("${" + roleId + "}")) {
                    statements.addAll(document(policy.id(), policy.properties().get("PolicyDocument")));
                }
            }
        }
        return statements;
    }

    /** Bucket, queue and topic policies. */
    static List<PolicyStatement> resourcePolicies(Deployment deployment) {
        List<PolicyStatement> statements = new ArrayList<>();
        for (String type : RESOURCE_POLICY_TYPES) {
            for (Deployment.Resource policy : deployment.ofType(type)) {
                statements.addAll(document(policy.id(), policy.properties().get("PolicyDocument")));
            }
        }
        return statements;
    }

    /** The role a function runs as: the logical id behind its {@code Role: !GetAtt X.Arn}. */
    static String roleOf(Deployment.Resource function) {
        Object role = function.properties().get("Role");
        if (role instanceof Map<?, ?> map && map.get("Fn::GetAtt") instanceof List<?> target) {
            return String.valueOf(target.get(0));
        }
        throw new IllegalStateException(function.id() + " does not run as a role of this stack (Role: " + role + ")");
    }

    private static List<PolicyStatement> document(String owner, Object document) {
        Map<String, Object> doc = CfnYaml.asMap(document, owner + " PolicyDocument");
        Object statement = doc.get("Statement");
        List<Object> items = statement instanceof List<?> ? CfnYaml.asList(statement, "Statement") : List.of(statement);
        return items.stream().map(s -> PolicyStatement.of(owner, CfnYaml.asMap(s, owner + " statement"))).toList();
    }
}
