package io.paydr.ingest.template;

import io.paydr.sam.LambdaEventJson;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.sam.CfnTemplate;
import io.paydr.sam.RepoFiles;
import io.paydr.ingest.config.IngestConfig;
import io.paydr.ingest.handler.DrainReport;
import io.paydr.ingest.handler.ScheduledDrainHandler;
import io.paydr.ingest.handler.SqsIngestHandler;
import io.paydr.ingest.schema.MigrateCommand;
import io.paydr.sam.SamConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The function's role covers exactly what the code does: run one SQS event and one scheduled drain in-process
 * against devstack, record every AWS operation the ingest code calls (SdkCallRecorder), and check that each maps to
 * an IAM action the template grants that function (on that bucket, for S3), and that every grant is either used or
 * used on the function's behalf by the platform (listed below, with the reason).
 */
class IamCoverageTest {

    /** Granted actions no SDK call of the code shows, and who uses them. */
    static final Map<String, String> USED_BY_THE_PLATFORM = Map.of(
            "logs:createlogstream", "the Lambda runtime writes the function's logs",
            "logs:putlogevents", "the Lambda runtime writes the function's logs",
            "sqs:receivemessage", "the event source mapping polls the queue as the function's role (event mode)",
            "sqs:deletemessage", "the event source mapping deletes what the function reported done (event mode)",
            "sqs:getqueueattributes", "the event source mapping reads the queue's attributes (event mode)",
            "secretsmanager:getsecretvalue", "the Data API reads the warehouse secret with the caller's credentials",
            "s3:listbucket", "authorisation only: turns a missing object into 404 (not yet replicated) instead of 403",
            "redshift-data:cancelstatement", "called only when a statement outlives the time budget",
            "s3:abortmultipartupload", "called only when a payload staged in several parts fails verification");

    private static final String BUCKET = "paydr-payloads-us-east-1";
    private static final CfnTemplate TEMPLATE = CfnTemplate.read(RepoFiles.path("template.yaml"));
    private static Devstack devstack;

    @BeforeAll
    static void migrateTheWarehouse() {
        prepareDevstack();
    }

    /** The bucket and warehouse schema the template's devstack environment names (also DashboardTest's run). */
    static void prepareDevstack() {
        devstack = Devstack.shared();
        S3Client s3 = devstack.s3(DevRegion.PRIMARY);
        if (s3.listBuckets().buckets().stream().noneMatch(b -> b.name().equals(BUCKET))) {
            s3.createBucket(r -> r.bucket(BUCKET));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = MigrateCommand.run(new String[0], environment("devstack", "IngestFunction"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, status, "schema migration on devstack failed: " + out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void sqsEventModeCallsOnlyWhatTheRoleGrants() {
        SQSEvent event = LambdaEventJson.sqsEvent(LambdaEventFilesTest.events().resolve("sqs-pointer-raw.json"));
        SQSEvent.SQSMessage record = event.getRecords().get(0);
        String suffix = "-" + UUID.randomUUID();
        record.setBody(withFreshKey(record.getBody(), "sqs-pointer-raw.json", suffix));
        record.getMessageAttributes().get("batch_id").setStringValue(
                record.getMessageAttributes().get("batch_id").getStringValue() + suffix);

        SdkCallRecorder.start();
        Map<String, String> env = environment("devstack", "IngestFunction");
        env.put(IngestConfig.COPY_THRESHOLD_BYTES, "1"); // the COPY path: staged rows and a manifest are written
        SqsIngestHandler handler = new SqsIngestHandler(IngestConfig.fromEnvironment(env));
        SQSBatchResponse response = handler.handleRequest(event, TestLambdaContext.withBudget("ingest", 60_000));
        // a redelivery: the load's ledger SELECT finds the payload, and its rows are read (GetStatementResult)
        SQSBatchResponse redelivered = handler.handleRequest(event, TestLambdaContext.withBudget("ingest", 60_000));
        Set<SdkCallRecorder.Call> calls = SdkCallRecorder.stop();

        assertEquals(List.of(), response.getBatchItemFailures(), "the payload must load for the run to cover the load path");
        assertEquals(List.of(), redelivered.getBatchItemFailures(), "a redelivery is acknowledged");
        assertCovered("devstack", "IngestFunction", calls);
    }

    @Test
    void scheduledDrainCallsOnlyWhatTheRoleGrants() {
        String queueUrl = devstack.sqs(DevRegion.PRIMARY).createQueue(r -> r.queueName("paydr-iam-coverage-" + UUID.randomUUID())).queueUrl();
        SQSEvent.SQSMessage sample = LambdaEventJson.sqsEvent(LambdaEventFilesTest.events().resolve("sqs-pointer-legacy-attribute.json"))
                .getRecords().get(0);
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        String suffix = "-" + UUID.randomUUID();
        sample.getMessageAttributes().forEach((name, a) -> attributes.put(name,
                MessageAttributeValue.builder().dataType(a.getDataType()).stringValue(
                        name.equals("batch_id") ? a.getStringValue() + suffix : a.getStringValue()).build()));
        String pointer = withFreshKey(sample.getBody(), "sqs-pointer-legacy-attribute.json", suffix);
        devstack.sqs(DevRegion.PRIMARY).sendMessage(r -> r.queueUrl(queueUrl).messageAttributes(attributes)
                .messageBody(pointer));
        Map<String, String> env = environment("devstack-drain", "ScheduledDrainFunction");
        env.put(IngestConfig.QUEUE_URL, queueUrl);

        SdkCallRecorder.start();
        ScheduledDrainHandler drain = new ScheduledDrainHandler(IngestConfig.fromEnvironment(env));
        DrainReport report = drain.handleRequest(LambdaEventJson.scheduledEvent(LambdaEventFilesTest.events()
                .resolve("scheduled-drain.json")), TestLambdaContext.withBudget("drain", 120_000));
        Set<SdkCallRecorder.Call> calls = new HashSet<>(SdkCallRecorder.stop());
        // the same message again (sent by the test, unrecorded): the next drain finds the payload in the ledger and
        // reads those rows
        devstack.sqs(DevRegion.PRIMARY).sendMessage(r -> r.queueUrl(queueUrl).messageAttributes(attributes)
                .messageBody(pointer));
        SdkCallRecorder.start();
        DrainReport again = drain.handleRequest(LambdaEventJson.scheduledEvent(LambdaEventFilesTest.events()
                .resolve("scheduled-drain.json")), TestLambdaContext.withBudget("drain", 120_000));
        calls.addAll(SdkCallRecorder.stop());

        assertEquals(1, report.payloadsLoaded(), "the drain must load the payload to cover the load path: " + report);
        assertEquals(1, report.deleted(), report.toString());
        assertEquals(1, again.payloadsAlreadyLoaded(), again.toString());
        assertCovered("devstack-drain", "ScheduledDrainFunction", calls);
    }

    /** Each recorded call is granted to the function (S3: on its bucket); each grant is used or platform-used. */
    private static void assertCovered(String samconfigEnvironment, String functionId, Set<SdkCallRecorder.Call> calls) {
        Deployment deployment = Deployment.of(TEMPLATE, SamConfig.repository().table(samconfigEnvironment, "local_invoke").parameterOverrides());
        List<PolicyStatement> grants = Policies.ofRole(deployment, Policies.roleOf(deployment.resource(functionId)));
        System.out.println(functionId + " called: " + calls.stream().map(c -> c.iamAction() + c.s3Resource().map(r -> " on " + r).orElse(""))
                .collect(Collectors.toCollection(TreeSet::new)));
        assertTrue(calls.stream().anyMatch(c -> c.service().equals("RedshiftData")), "no Data API call recorded: " + calls);
        for (SdkCallRecorder.Call call : calls) {
            String action = call.iamAction();
            List<PolicyStatement> granting = grants.stream().filter(s -> s.grants(action)).toList();
            assertTrue(!granting.isEmpty(), functionId + " calls " + call + " but its role does not grant " + action);
            call.s3Resource().ifPresent(resource -> assertTrue(granting.stream().anyMatch(s -> covers(deployment, s, resource)),
                    functionId + " calls " + action + " on " + resource + " outside the granted resources " + granting));
        }
        Set<String> used = calls.stream().map(c -> c.iamAction().toLowerCase()).collect(Collectors.toSet());
        Set<String> unused = grants.stream().filter(PolicyStatement::allows).flatMap(s -> s.actions().stream())
                .map(String::toLowerCase).filter(a -> !used.contains(a) && !USED_BY_THE_PLATFORM.containsKey(a))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), unused, functionId + " is granted actions nothing uses");
    }

    private static boolean covers(Deployment deployment, PolicyStatement statement, String resource) {
        String ownBucket = "arn:${AWS::Partition}:s3:::" + deployment.parameter("PayloadBucketName");
        return statement.resources().stream()
                .map(pattern -> pattern.replace("${PayloadBucket.Arn}", ownBucket))
                .anyMatch(pattern -> PolicyStatement.matches(pattern, resource));
    }

    /** The function's environment as the template sets it for a samconfig environment, pointed at devstack. */
    static Map<String, String> environment(String samconfigEnvironment, String functionId) {
        Deployment deployment = Deployment.of(TEMPLATE, SamConfig.repository().table(samconfigEnvironment, "local_invoke").parameterOverrides());
        Map<String, String> env = new HashMap<>();
        TemplateSecurityReview.environment(deployment.resource(functionId)).forEach((name, value) -> {
            if (value instanceof String plain) {
                env.put(name, plain);
            }
        });
        env.put(IngestConfig.STAGING_BUCKET, BUCKET); // !Ref PayloadBucket is its name
        env.putAll(devstack.environment(DevRegion.PRIMARY));
        return env;
    }

    /**
     * Uploads the event's fixture under a new key (its batch id plus {@code suffix}, which the caller also adds to
     * the message's batch_id) and returns the body pointing there.
     */
    static String withFreshKey(String body, String event, String suffix) {
        EventMessage.Pointer pointer = EventMessage.of(bodyOnly(body)).pointer().orElseThrow();
        String key = pointer.key().replace(".jsonl", suffix + ".jsonl");
        Path fixture = LambdaEventFilesTest.fixtureOf(event);
        devstack.s3(DevRegion.PRIMARY).putObject(r -> r.bucket(pointer.bucket()).key(key), RequestBody.fromFile(fixture));
        return body.replace(pointer.key(), key);
    }

    private static SQSEvent.SQSMessage bodyOnly(String body) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setBody(body);
        message.setMessageAttributes(Map.of());
        return message;
    }
}
