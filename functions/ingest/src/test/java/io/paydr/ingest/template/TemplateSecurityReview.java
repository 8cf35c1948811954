package io.paydr.ingest.template;

import io.paydr.sam.CfnTemplate;
import io.paydr.sam.CfnYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The security review of issue #7 as code: each rule returns findings ("RULE: where: what"), an empty list
 * means the deployment passes. Used on every samconfig environment by {@link TemplateSecurityReviewTest}.
 */
final class TemplateSecurityReview {

    /** An action AWS authorises only on {@code "*"}, and the condition that scopes it instead. */
    record WildcardException(String conditionKey, String conditionValue, String reason) {
    }

    /**
     * The only actions allowed on {@code Resource: "*"}. The Data API's statement-level actions have no
     * resource type; AWS documents scoping them to the caller's own statements with the statement-owner
     * condition (as the AmazonRedshiftDataFullAccess managed policy does).
     */
    static final Map<String, WildcardException> RESOURCE_WILDCARD_EXCEPTIONS = Map.of(
            "redshift-data:describestatement", ownStatementsOnly(),
            "redshift-data:getstatementresult", ownStatementsOnly(),
            "redshift-data:cancelstatement", ownStatementsOnly());

    private static final Pattern SECRETISH = Pattern.compile("(?i).*(secret|password|passwd|token|credential|api_?key|private_?key).*");
    private static final Pattern ACCESS_KEY_ID = Pattern.compile(".*\\b(AKIA|ASIA)[0-9A-Z]{16}\\b.*");
    private static final Pattern WILDCARD_ARN = Pattern.compile(
            "arn:[^:]*:[^:]+:(\\*|[^:]*:\\*)(:.*)?|arn:[^:]*:[^:]+:[^:]*:[^:]*:\\*|arn:[^:]*:s3:::\\*(/.*)?");
    private static final Set<String> SSE_ALGORITHMS = Set.of("AES256", "aws:kms", "aws:kms:dsse");

    private TemplateSecurityReview() {
    }

    private static WildcardException ownStatementsOnly() {
        return new WildcardException("redshift-data:statement-owner-iam-userid", "${aws:userid}",
                "no resource type; scoped to the caller's own statements");
    }

    static List<String> review(CfnTemplate template, Deployment deployment) {
        List<String> findings = new ArrayList<>();
        Policies.identity(deployment).stream().filter(PolicyStatement::allows).forEach(s -> {
            wildcardActions(s, findings);
            wildcardResources(s, findings);
        });
        Policies.resourcePolicies(deployment).stream().filter(PolicyStatement::allows).forEach(s -> {
            wildcardActions(s, findings);
            openToAnyone(s, findings);
        });
        deployment.ofType("AWS::S3::Bucket").forEach(bucket -> reviewBucket(deployment, bucket, findings));
        deployment.ofType("AWS::SQS::Queue").forEach(queue -> {
            boolean sse = Boolean.TRUE.equals(queue.properties().get("SqsManagedSseEnabled"));
            if (!sse && !queue.properties().containsKey("KmsMasterKeyId")) {
                findings.add("QUEUE-ENCRYPTION: " + queue.id() + ": neither SqsManagedSseEnabled nor KmsMasterKeyId");
            }
        });
        deployment.ofType("AWS::SNS::Topic").forEach(topic -> {
            if (!topic.properties().containsKey("KmsMasterKeyId")) {
                findings.add("TOPIC-ENCRYPTION: " + topic.id() + ": no KmsMasterKeyId");
            }
        });
        secretParameters(template, findings);
        deployment.ofType("AWS::Serverless::Function").forEach(f -> reviewFunction(template, deployment, f, findings));
        return findings;
    }

    private static void wildcardActions(PolicyStatement s, List<String> findings) {
        if (s.notAction() || s.actions().stream().anyMatch(a -> a.contains("*"))) {
            findings.add("IAM-ACTION-WILDCARD: " + s.where() + ": " + (s.notAction() ? "NotAction " : "") + s.actions());
        }
    }

    private static void wildcardResources(PolicyStatement s, List<String> findings) {
        boolean wildcard = s.notResource() || s.resources().stream().anyMatch(r -> r.equals("*") || WILDCARD_ARN.matcher(r).matches());
        if (!wildcard) {
            return;
        }
        for (String action : s.actions()) {
            WildcardException exception = RESOURCE_WILDCARD_EXCEPTIONS.get(action.toLowerCase());
            if (exception == null) {
                findings.add("IAM-RESOURCE-WILDCARD: " + s.where() + ": " + action + " on " + s.resources()
                        + " although it supports a narrower resource");
            } else if (!conditionHolds(s.condition(), exception)) {
                findings.add("IAM-RESOURCE-WILDCARD: " + s.where() + ": " + action + " on * without the condition "
                        + exception.conditionKey() + " = " + exception.conditionValue());
            }
        }
    }

    private static boolean conditionHolds(Map<String, Object> condition, WildcardException exception) {
        return condition.values().stream()
                .filter(Map.class::isInstance)
                .map(operator -> CfnYaml.asMap(operator, "condition operator"))
                .anyMatch(keys -> PolicyStatement.texts(keys.get(exception.conditionKey())).equals(List.of(exception.conditionValue())));
    }

    private static void openToAnyone(PolicyStatement s, List<String> findings) {
        boolean anyone = "*".equals(s.principal())
                || s.principal() instanceof Map<?, ?> p && "*".equals(String.valueOf(p.get("AWS")));
        if (anyone && s.condition().isEmpty()) {
            findings.add("RESOURCE-POLICY-PUBLIC: " + s.where() + ": allows Principal * without a condition");
        }
    }

    private static void reviewBucket(Deployment deployment, Deployment.Resource bucket, List<String> findings) {
        Map<String, Object> p = bucket.properties();
        String algorithm = sseAlgorithm(p);
        if (!SSE_ALGORITHMS.contains(algorithm)) {
            findings.add("BUCKET-ENCRYPTION: " + bucket.id() + ": default encryption is " + algorithm);
        }
        Object block = p.get("PublicAccessBlockConfiguration");
        for (String flag : List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")) {
            if (!(block instanceof Map<?, ?> b) || !Boolean.TRUE.equals(b.get(flag))) {
                findings.add("BUCKET-PUBLIC-ACCESS: " + bucket.id() + ": " + flag + " is not true");
            }
        }
        if (!deniesInsecureTransport(deployment, bucket.id())) {
            findings.add("BUCKET-TLS: " + bucket.id() + ": no bucket policy denies s3:* on the bucket and its objects when aws:SecureTransport is false");
        }
    }

    private static String sseAlgorithm(Map<String, Object> bucket) {
        if (bucket.get("BucketEncryption") instanceof Map<?, ?> encryption
                && encryption.get("ServerSideEncryptionConfiguration") instanceof List<?> rules && !rules.isEmpty()
                && rules.get(0) instanceof Map<?, ?> rule
                && rule.get("ServerSideEncryptionByDefault") instanceof Map<?, ?> byDefault) {
            return String.valueOf(byDefault.get("SSEAlgorithm"));
        }
        return "not configured";
    }

    private static boolean deniesInsecureTransport(Deployment deployment, String bucketId) {
        Set<String> required = Set.of("${" + bucketId + ".Arn}", "${" + bucketId + ".Arn}/*");
        return deployment.ofType("AWS::S3::BucketPolicy").stream()
                .filter(policy -> PolicyStatement.text(policy.properties().get("Bucket")).equals("${" + bucketId + "}"))
                .flatMap(policy -> Policies.resourcePolicies(deployment).stream().filter(s -> s.owner().equals(policy.id())))
                .anyMatch(s -> s.effect().equals("Deny")
                        && "*".equals(s.principal())
                        && (s.actions().contains("s3:*") || s.actions().contains("*"))
                        && s.resources().containsAll(required)
                        && s.condition().get("Bool") instanceof Map<?, ?> bool
                        && "false".equals(String.valueOf(bool.get("aws:SecureTransport"))));
    }

    private static void secretParameters(CfnTemplate template, List<String> findings) {
        template.parameters().forEach((name, node) -> {
            Map<String, Object> definition = CfnYaml.asMap(node, name);
            boolean noEcho = "true".equalsIgnoreCase(String.valueOf(definition.get("NoEcho")));
            boolean arnOnly = String.valueOf(definition.get("AllowedPattern")).startsWith("^arn:");
            if (SECRETISH.matcher(name).matches() && !noEcho && !arnOnly) {
                findings.add("SECRET-PARAMETER: " + name + ": a secret must be NoEcho or an ARN (AllowedPattern ^arn:...)");
            }
            if (noEcho && definition.get("Default") != null && !String.valueOf(definition.get("Default")).isEmpty()) {
                findings.add("SECRET-PARAMETER: " + name + ": a NoEcho parameter with a Default keeps the secret in the template");
            }
        });
    }

    private static void reviewFunction(CfnTemplate template, Deployment deployment, Deployment.Resource function,
                                       List<String> findings) {
        if (!function.properties().containsKey("Role") || function.properties().containsKey("Policies")) {
            findings.add("FUNCTION-ROLE: " + function.id() + ": must run as an explicit role of this stack (SAM-generated "
                    + "roles attach managed policies this review cannot see)");
        }
        environment(function).forEach((name, value) -> {
            String text = PolicyStatement.text(value);
            if (SECRETISH.matcher(name).matches() && !(name.endsWith("_ARN") && text.startsWith("arn:"))) {
                findings.add("SECRET-ENV: " + function.id() + ": " + name + " looks like a secret; pass an ARN in a *_ARN variable");
            }
            if (ACCESS_KEY_ID.matcher(text).matches()) {
                findings.add("SECRET-ENV: " + function.id() + ": " + name + " holds an AWS access key id");
            }
            template.parameters().forEach((parameter, node) -> {
                Map<String, Object> definition = CfnYaml.asMap(node, parameter);
                if ("true".equalsIgnoreCase(String.valueOf(definition.get("NoEcho")))
                        && !deployment.parameter(parameter).isEmpty() && text.contains(deployment.parameter(parameter))) {
                    findings.add("SECRET-ENV: " + function.id() + ": " + name + " carries the NoEcho parameter " + parameter
                            + " in plain text");
                }
            });
        });
    }

    static Map<String, Object> environment(Deployment.Resource function) {
        return CfnTemplate.environmentVariables(function.properties(), function.id());
    }
}
