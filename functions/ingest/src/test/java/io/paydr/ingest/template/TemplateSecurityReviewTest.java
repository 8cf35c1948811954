package io.paydr.ingest.template;

import io.paydr.sam.CfnTemplate;
import io.paydr.sam.RepoFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #7, security review of the template: template.yaml passes every rule in every samconfig
 * environment, and each rule catches the violation it exists for (planted in a minimal template).
 */
class TemplateSecurityReviewTest {

    private static final CfnTemplate TEMPLATE = CfnTemplate.read(RepoFiles.path("template.yaml"));

    static List<Deployments.Named> deployments() {
        return Deployments.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void templatePassesTheSecurityReview(Deployments.Named deployment) {
        List<String> findings = TemplateSecurityReview.review(TEMPLATE, deployment.deploy(TEMPLATE));
        assertEquals(List.of(), findings, "security findings for " + deployment);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void theOnlyWildcardResourceIsTheDocumentedStatementOwnerException(Deployments.Named deployment) {
        List<PolicyStatement> onStar = Policies.identity(deployment.deploy(TEMPLATE)).stream()
                .filter(s -> s.allows() && s.resources().contains("*")).toList();
        assertEquals(1, onStar.size(), "statements on Resource * in " + deployment + ": " + onStar);
        PolicyStatement statement = onStar.get(0);
        assertEquals(List.of("redshift-data:DescribeStatement", "redshift-data:GetStatementResult", "redshift-data:CancelStatement"),
                statement.actions());
        assertEquals(Map.of("StringEquals", Map.of("redshift-data:statement-owner-iam-userid", "${aws:userid}")), statement.condition());
    }

    static Stream<Arguments> plantedViolations() {
        return Stream.of(
                Arguments.of("IAM-ACTION-WILDCARD", role("Action: s3:*", "Resource: arn:aws:s3:::bucket/*")),
                Arguments.of("IAM-ACTION-WILDCARD", role("Action: '*'", "Resource: arn:aws:s3:::bucket/*")),
                Arguments.of("IAM-ACTION-WILDCARD", role("Action: sqs:Get*", "Resource: arn:aws:sqs:us-east-1:123456789012:q")),
                Arguments.of("IAM-RESOURCE-WILDCARD", role("Action: sqs:ReceiveMessage", "Resource: '*'")),
                Arguments.of("IAM-RESOURCE-WILDCARD", role("Action: s3:GetObject", "Resource: arn:aws:s3:::*/*")),
                Arguments.of("IAM-RESOURCE-WILDCARD", role("Action: sqs:SendMessage", "Resource: arn:aws:sqs:us-east-1:123456789012:*")),
                Arguments.of("IAM-RESOURCE-WILDCARD", role("Action: redshift-data:DescribeStatement", "Resource: '*'")),
                Arguments.of("BUCKET-ENCRYPTION", bucket("", PUBLIC_ACCESS_BLOCK, true)),
                Arguments.of("BUCKET-PUBLIC-ACCESS", bucket(ENCRYPTION, PUBLIC_ACCESS_BLOCK.replace("IgnorePublicAcls: true", "IgnorePublicAcls: false"), true)),
                Arguments.of("BUCKET-PUBLIC-ACCESS", bucket(ENCRYPTION, "", true)),
                Arguments.of("BUCKET-TLS", bucket(ENCRYPTION, PUBLIC_ACCESS_BLOCK, false)),
                Arguments.of("QUEUE-ENCRYPTION", resources("""
                          Queue:
                            Type: AWS::SQS::Queue
                            Properties:
                              SqsManagedSseEnabled: false
                        """)),
                Arguments.of("TOPIC-ENCRYPTION", resources("""
                          Topic:
                            Type: AWS::SNS::Topic
                        """)),
                Arguments.of("RESOURCE-POLICY-PUBLIC", resources("""
                          Queue:
                            Type: AWS::SQS::Queue
                            Properties: { SqsManagedSseEnabled: true }
                          QueuePolicy:
                            Type: AWS::SQS::QueuePolicy
                            Properties:
                              Queues: [!Ref Queue]
                              PolicyDocument:
                                Statement:
                                  - Effect: Allow
                                    Principal: '*'
                                    Action: sqs:SendMessage
                                    Resource: !GetAtt Queue.Arn
                        """)),
                Arguments.of("SECRET-PARAMETER", """
                        Parameters:
                          DbPassword:
                            Type: String
                        Resources:
                          Topic:
                            Type: AWS::SNS::Topic
                            Properties: { KmsMasterKeyId: alias/aws/sns, DisplayName: !Ref DbPassword }
                        """),
                Arguments.of("SECRET-ENV", function("""
                              Environment:
                                Variables:
                                  DB_PASSWORD: hunter2
                        """)),
                Arguments.of("SECRET-ENV", """
                        Parameters:
                          Token:
                            Type: String
                            NoEcho: true
                        Resources:
                          Role: { Type: AWS::IAM::Role, Properties: { AssumeRolePolicyDocument: {} } }
                          Fn:
                            Type: AWS::Serverless::Function
                            Properties:
                              Role: !GetAtt Role.Arn
                              Environment:
                                Variables:
                                  UPSTREAM: !Sub https://user:${Token}@example.com
                        """),
                Arguments.of("SECRET-ENV", function("""
                              Environment:
                                Variables:
                                  LEGACY_KEYS: AKIAIOSFODNN7EXAMPLE
                        """)),
                Arguments.of("FUNCTION-ROLE", resources("""
                          Fn:
                            Type: AWS::Serverless::Function
                            Properties:
                              Policies: [AmazonS3FullAccess]
                        """)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plantedViolations")
    void eachRuleCatchesItsViolation(String rule, String yaml) {
        CfnTemplate planted = CfnTemplate.parse(yaml, "template.yaml");
        Map<String, String> values = planted.parameters().keySet().stream()
                .collect(Collectors.toMap(name -> name, name -> "s3cr3t-value"));
        List<String> findings = TemplateSecurityReview.review(planted, Deployment.of(planted, values));
        assertTrue(findings.stream().anyMatch(f -> f.startsWith(rule + ":")), rule + " not reported; findings: " + findings);
    }

    private static final String ENCRYPTION = """
                  BucketEncryption:
                    ServerSideEncryptionConfiguration:
                      - ServerSideEncryptionByDefault: { SSEAlgorithm: AES256 }
            """;
    private static final String PUBLIC_ACCESS_BLOCK = """
                  PublicAccessBlockConfiguration:
                    BlockPublicAcls: true
                    BlockPublicPolicy: true
                    IgnorePublicAcls: true
                    RestrictPublicBuckets: true
            """;

    private static String resources(String body) {
        return "Resources:\n" + body;
    }

    private static String role(String action, String resource) {
        return resources("""
                  Role:
                    Type: AWS::IAM::Role
                    Properties:
                      AssumeRolePolicyDocument: {}
                      Policies:
                        - PolicyName: planted
                          PolicyDocument:
                            Statement:
                              - Sid: Planted
                                Effect: Allow
                                %s
                                %s
                """.formatted(action, resource));
    }

    private static String bucket(String encryption, String publicAccessBlock, boolean tlsPolicy) {
        String policy = !tlsPolicy ? "" : """
                  BucketPolicy:
                    Type: AWS::S3::BucketPolicy
                    Properties:
                      Bucket: !Ref Bucket
                      PolicyDocument:
                        Statement:
                          - Effect: Deny
                            Principal: '*'
                            Action: s3:*
                            Resource: [!GetAtt Bucket.Arn, !Sub '${Bucket.Arn}/*']
                            Condition: { Bool: { aws:SecureTransport: 'false' } }
                """;
        return resources("""
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      VersioningConfiguration: { Status: Enabled }
                %s%s%s""".formatted(encryption, publicAccessBlock, policy));
    }

    private static String function(String properties) {
        return resources("""
                  Role: { Type: AWS::IAM::Role, Properties: { AssumeRolePolicyDocument: {} } }
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Role: !GetAtt Role.Arn
                %s""".formatted(properties));
    }
}
