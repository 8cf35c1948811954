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
 * The Deny statements of template.yaml's payload bucket policy, for given parameter values, evaluated against S3
 * requests the way S3 does for the operators they use (Null, Bool, ArnEquals, ArnNotEquals). Devstack does not
 * enforce bucket policies; this is how a test learns what the deployed policy would do to the requests a client
 * really sends. An operator or condition key it does not know fails loudly rather than being ignored.
 */
final class PayloadBucketPolicy {
    /**
     * One S3 request on one object: operation as the SDK names it, object key, whether If-None-Match was sent, and
     * whether it names an object version ({@code versionId}).
     */
    record Request(String operation, String key, boolean ifNoneMatch, boolean versionId) {
        Request(String operation, String key, boolean ifNoneMatch) {
            this(operation, key, ifNoneMatch, false);
        }
    }

    private static final String BUCKET_ARN = "${PayloadBucket.Arn}";
    /**
     * The IAM action each object operation is authorised by (Service Authorization Reference). Replication's writes
     * into a destination bucket are no SDK operation a client sends; S3 authorises them as the replication role's
     * s3:ReplicateObject / s3:ReplicateTags, listed here under those names (delete markers are not replicated).
     */
    private static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("PutObject", "s3:PutObject"), Map.entry("CreateMultipartUpload", "s3:PutObject"),
            Map.entry("UploadPart", "s3:PutObject"), Map.entry("UploadPartCopy", "s3:PutObject"),
            Map.entry("CompleteMultipartUpload", "s3:PutObject"), Map.entry("CopyObject", "s3:PutObject"),
            Map.entry("AbortMultipartUpload", "s3:AbortMultipartUpload"), Map.entry("GetObject", "s3:GetObject"),
            Map.entry("HeadObject", "s3:GetObject"), Map.entry("DeleteObject", "s3:DeleteObject"),
            Map.entry("ReplicateObject", "s3:ReplicateObject"), Map.entry("ReplicateTags", "s3:ReplicateTags"));
    /** Operations that S3 authorises by another action when they name a version (DeleteObjects: per object). */
    private static final Map<String, String> VERSION_ACTIONS = Map.of(
            "DeleteObject", "s3:DeleteObjectVersion", "GetObject", "s3:GetObjectVersion",
            "HeadObject", "s3:GetObjectVersion");
    /** Operations for which s3:ObjectCreationOperation is true (S3 user guide, enforcing conditional writes). */
    private static final Set<String> OBJECT_CREATION = Set.of("PutObject", "CompleteMultipartUpload", "CopyObject");

    private final List<Map<String, Object>> statements;

    private PayloadBucketPolicy(List<Map<String, Object>> statements) {
        this.statements = statements;
    }

    /** The policy as deployed with the parameters' defaults. */
    static PayloadBucketPolicy fromTemplate() {
        return fromTemplate(Map.of());
    }

    /** The policy as deployed with these parameter overrides (the others at their defaults). */
    static PayloadBucketPolicy fromTemplate(Map<String, String> parameters) {
        CfnTemplate template = CfnTemplate.read(RepoFiles.path("template.yaml"));
        CfnResolver resolver = CfnResolver.symbolic(template, template.parameterValues(parameters));
        Map<String, Object> properties = CfnYaml.asMap(resolver.resolve(template.properties("PayloadBucketPolicy")),
                "PayloadBucketPolicy");
        Map<String, Object> document = CfnYaml.asMap(properties.get("PolicyDocument"), "PolicyDocument");
        return new PayloadBucketPolicy(CfnYaml.asList(document.get("Statement"), "Statement").stream()
                .map(s -> CfnYaml.asMap(s, "statement")).toList());
    }

    /**
     * The Sid of the first Deny statement that matches the request made by the principal (aws:PrincipalArn: for a
     * role session, the role's ARN), as it would reach S3 over HTTPS.
     */
    Optional<String> denyingStatement(Request request, String principalArn) {
        String action = request.versionId() && VERSION_ACTIONS.containsKey(request.operation())
                ? VERSION_ACTIONS.get(request.operation()) : ACTIONS.get(request.operation());
        if (action == null) {
            throw new IllegalArgumentException("no IAM action known for S3 operation " + request.operation());
        }
        return statements.stream()
                .filter(s -> "Deny".equals(s.get("Effect")))
                .filter(s -> anyMatches(s.get("Action"), action))
                .filter(s -> anyMatches(s.get("Resource"), BUCKET_ARN + "/" + request.key()))
                .filter(s -> everyConditionHolds(s, request, principalArn))
                .map(s -> String.valueOf(s.get("Sid")))
                .findFirst();
    }

    private static boolean everyConditionHolds(Map<String, Object> statement, Request request, String principalArn) {
        if (!"*".equals(statement.get("Principal"))) {
            throw new IllegalStateException("a Deny for principals other than * is not modelled here: " + statement);
        }
        Object condition = statement.get("Condition");
        if (condition == null) {
            return true;
        }
        return CfnYaml.asMap(condition, "Condition").entrySet().stream().allMatch(operator ->
                CfnYaml.asMap(operator.getValue(), operator.getKey()).entrySet().stream().allMatch(test ->
                        holds(operator.getKey(), test.getKey(), texts(test.getValue()),
                                contextValue(test.getKey(), request, principalArn))));
    }

    /** IAM semantics: a list of values is an OR; a negated operator holds when no value matches (or no key). */
    private static boolean holds(String operator, String key, List<String> expected, Optional<String> value) {
        return switch (operator) {
            case "Null" -> value.isEmpty() == Boolean.parseBoolean(only(expected, key));
            case "Bool" -> value.map(v -> v.equalsIgnoreCase(only(expected, key))).orElse(false);
            case "ArnEquals" -> value.map(expected::contains).orElse(false);
            case "ArnNotEquals" -> value.map(v -> !expected.contains(v)).orElse(true);
            default -> throw new IllegalStateException("condition operator " + operator + " is not modelled here");
        };
    }

    private static Optional<String> contextValue(String key, Request request, String principalArn) {
        return switch (key) {
            case "aws:SecureTransport" -> Optional.of("true"); // the SDK talks HTTPS to S3 in AWS
            case "aws:PrincipalArn" -> Optional.of(principalArn);
            case "s3:if-none-match" -> request.ifNoneMatch() ? Optional.of("*") : Optional.empty();
            case "s3:ObjectCreationOperation" -> Optional.of(
                    Boolean.toString(OBJECT_CREATION.contains(request.operation())));
            default -> throw new IllegalStateException("condition key " + key + " is not modelled here");
        };
    }

    private static List<String> texts(Object values) {
        List<Object> list = values instanceof List<?> l ? List.copyOf(l) : List.of(values);
        return list.stream().map(PayloadBucketPolicy::text).toList();
    }

    private static String only(List<String> values, String key) {
        if (values.size() != 1) {
            throw new IllegalStateException(key + " is tested against " + values + "; one value is modelled here");
        }
        return values.get(0);
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
