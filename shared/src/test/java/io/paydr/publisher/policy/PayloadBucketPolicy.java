package io.paydr.publisher.policy;

import io.paydr.sam.CfnResolver;
import io.paydr.sam.CfnTemplate;
import io.paydr.sam.CfnYaml;
import io.paydr.sam.RepoFiles;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Deny statements of template.yaml's payload bucket policy, evaluated against S3 requests the way S3 does for
 * the operators they use (Null, Bool). Devstack does not enforce bucket policies; this is how a test learns what
 * the deployed policy would do to the requests a client really sends. An operator or condition key it does not
 * know fails loudly rather than being ignored.
 */
final class PayloadBucketPolicy {
    /** One S3 request: operation as the SDK names it, object key, and whether If-None-Match was sent. */
    record Request(String operation, String key, boolean ifNoneMatch) {
    }

    private static final String BUCKET_ARN = "${PayloadBucket.Arn}";
    /** The IAM action each object operation is authorised by (Service Authorization Reference). */
    private static final Map<String, String> ACTIONS = Map.of(
            "PutObject", "s3:PutObject", "CreateMultipartUpload", "s3:PutObject", "UploadPart", "s3:PutObject",
            "UploadPartCopy", "s3:PutObject", "CompleteMultipartUpload", "s3:PutObject", "CopyObject", "s3:PutObject",
            "AbortMultipartUpload", "s3:AbortMultipartUpload", "GetObject", "s3:GetObject", "HeadObject", "s3:GetObject");
    /** Operations for which s3:ObjectCreationOperation is true (S3 user guide, enforcing conditional writes). */
    private static final Set<String> OBJECT_CREATION = Set.of("PutObject", "CompleteMultipartUpload", "CopyObject");

    private final List<Map<String, Object>> statements;

    private PayloadBucketPolicy(List<Map<String, Object>> statements) {
        this.statements = statements;
    }

    static PayloadBucketPolicy fromTemplate() {
        CfnTemplate template = CfnTemplate.read(RepoFiles.path("template.yaml"));
        CfnResolver resolver = CfnResolver.symbolic(template, template.parameterValues(Map.of()));
        Map<String, Object> properties = CfnYaml.asMap(resolver.resolve(template.properties("PayloadBucketPolicy")),
                "PayloadBucketPolicy");
        Map<String, Object> document = CfnYaml.asMap(properties.get("PolicyDocument"), "PolicyDocument");
        return new PayloadBucketPolicy(CfnYaml.asList(document.get("Statement"), "Statement").stream()
                .map(s -> CfnYaml.asMap(s, "statement")).toList());
    }

    /** The Sid of the first Deny statement that matches the request, as it would reach S3 over HTTPS. */
    Optional<String> denyingStatement(Request request) {
        String action = ACTIONS.get(request.operation());
        if (action == null) {
            throw new IllegalArgumentException("no IAM action known for S3 operation " + request.operation());
        }
        return statements.stream()
                .filter(s -> "Deny".equals(s.get("Effect")))
                .filter(s -> anyMatches(s.get("Action"), action))
                .filter(s -> anyMatches(s.get("Resource"), BUCKET_ARN + "/" + request.key()))
                .filter(s -> everyConditionHolds(s, request))
                .map(s -> String.valueOf(s.get("Sid")))
                .findFirst();
    }

    private static boolean everyConditionHolds(Map<String, Object> statement, Request request) {
        if (!"*".equals(statement.get("Principal"))) {
            throw new IllegalStateException("a Deny for principals other than * needs a caller: " + statement);
        }
        Object condition = statement.get("Condition");
        if (condition == null) {
            return true;
        }
        return CfnYaml.asMap(condition, "Condition").entrySet().stream().allMatch(operator ->
                CfnYaml.asMap(operator.getValue(), operator.getKey()).entrySet().stream().allMatch(test ->
                        holds(operator.getKey(), test.getKey(), String.valueOf(test.getValue()), request)));
    }

    private static boolean holds(String operator, String key, String expected, Request request) {
        Optional<String> value = contextValue(key, request);
        return switch (operator) {
            case "Null" -> value.isEmpty() == Boolean.parseBoolean(expected);
            case "Bool" -> value.map(v -> v.equalsIgnoreCase(expected)).orElse(false);
            default -> throw new IllegalStateException("condition operator " + operator + " is not modelled here");
        };
    }

    private static Optional<String> contextValue(String key, Request request) {
        return switch (key) {
            case "aws:SecureTransport" -> Optional.of("true"); // the SDK talks HTTPS to S3 in AWS
            case "s3:if-none-match" -> request.ifNoneMatch() ? Optional.of("*") : Optional.empty();
            case "s3:ObjectCreationOperation" -> Optional.of(
                    Boolean.toString(OBJECT_CREATION.contains(request.operation())));
            default -> throw new IllegalStateException("condition key " + key + " is not modelled here");
        };
    }

    private static boolean anyMatches(Object patterns, String value) {
        List<Object> list = patterns instanceof List<?> l ? List.copyOf(l) : List.of(patterns);
        return list.stream().map(PayloadBucketPolicy::text).anyMatch(p -> glob(p, value));
    }

    /** A resolved node as text: {@code !GetAtt PayloadBucket.Arn} reads {@code ${PayloadBucket.Arn}}. */
    private static String text(Object node) {
        if (node instanceof Map<?, ?> map && map.get("Fn::GetAtt") instanceof List<?> parts) {
            return "${" + parts.get(0) + "." + parts.get(1) + "}";
        }
        return String.valueOf(node);
    }

    private static boolean glob(String pattern, String value) {
        String regex = ("\\Q" + pattern + "\\E").replace("*", "\\E.*\\Q");
        return value.matches(regex);
    }
}
