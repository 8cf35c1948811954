package io.paydr.local.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paydr.contract.Sha256;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.sam.RepoFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every sample in events/ invoked through the command, in-process, against one devstack, with the template,
 * samconfig.toml ({@code devstack} environment) and events/env.json of the repository as users run it. Each test
 * starts from an empty warehouse and checks the printed response and, independently over JDBC, the rows loaded.
 */
class LocalInvokeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Devstack devstack;

    /** What one run of the command printed and returned. */
    record Run(int status, String out, String err) {
        JsonNode response() {
            String line = out.lines().filter(l -> l.startsWith("response:")).findFirst()
                    .orElseThrow(() -> new AssertionError("no response line in\n" + out + "\nstderr:\n" + err));
            try {
                return JSON.readTree(line.substring("response:".length()).strip());
            } catch (IOException e) {
                throw new AssertionError("response is not JSON: " + line, e);
            }
        }

        List<String> batchItemFailures() {
            List<String> ids = new ArrayList<>();
            response().get("batchItemFailures").forEach(f -> ids.add(f.get("itemIdentifier").asText()));
            return ids;
        }
    }

    @BeforeAll
    static void startDevstack() {
        devstack = Devstack.shared();
    }

    /** Other invocations (and other test classes) share this devstack: start from an empty warehouse and queue. */
    @BeforeEach
    void emptyWarehouseAndQueue() throws SQLException {
        try (Connection c = DriverManager.getConnection(devstack.jdbcUrl(DevRegion.PRIMARY));
             Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN IF to_regclass('public.payments') IS NOT NULL THEN"
                    + " TRUNCATE public.payments, public.payments_ingest_ledger; END IF; END $$");
        }
        try (SqsClient sqs = devstack.sqs(DevRegion.PRIMARY)) {
            String url = sqs.getQueueUrl(r -> r.queueName("paydr-ingest-us-east-1")).queueUrl();
            sqs.purgeQueue(r -> r.queueUrl(url));
        } catch (QueueDoesNotExistException notYetCreated) {
            // the drain's invocation creates it
        }
    }

    @Test
    void pointerWithRawDeliveryLoadsItsFiveRows() {
        Run run = invoke("--event", event("sqs-pointer-raw.json"));
        assertEquals(0, run.status(), run.err());
        assertEquals(List.of(), run.batchItemFailures());
        assertEquals(5, rows("public.payments"));
        assertEquals(1, rows("public.payments_ingest_ledger"));
        assertTrue(run.out().contains("public.payments: 5 rows (+5 by this invocation)"), run.out());
        assertTrue(run.out().contains("public.payments_ingest_ledger: 1 row (+1 by this invocation)"), run.out());
        assertTrue(run.out().contains("Café Zürich ☕"), "the loaded rows are printed:\n" + run.out());
        assertTrue(run.out().contains("function:    IngestFunction (io.paydr.ingest.handler.SqsIngestHandler::handleRequest)"),
                run.out());
    }

    @Test
    void jsonIsOneDocumentOnStdoutAndTheFunctionLogGoesWhereItIsAsked(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("logs/function.log");
        Run run = invoke("--event", event("sqs-pointer-raw.json"), "--json", "--function-log", log.toString());
        assertEquals(0, run.status(), run.err());
        JsonNode report = JSON.readTree(run.out());
        assertEquals("IngestFunction", report.get("function").asText());
        assertEquals(0, report.get("response").get("batchItemFailures").size());
        assertEquals(5, report.get("warehouse").get(0).get("rows_added").asInt(), run.out());
        assertEquals(log.toAbsolutePath().toString(), report.get("function_log").asText());
        String logged = Files.readString(log);
        assertTrue(logged.contains("batch_processed"), "the function logged into the file:\n" + logged);
        assertTrue(run.err().contains("function log: " + log.toAbsolutePath()), run.err());
        assertFalse(run.err().contains("batch_processed"), "the function's lines are in the file only:\n" + run.err());
    }

    @Test
    void theAllowlistsBucketsExistEachInItsRegion() {
        assertEquals(0, invoke("--event", event("sqs-inline-small.json")).status());
        try (S3Client s3 = devstack.s3(DevRegion.PRIMARY)) {
            assertEquals("us-west-2", s3.getBucketLocation(r -> r.bucket("paydr-payloads-us-west-2"))
                    .locationConstraintAsString());
            s3.headBucket(r -> r.bucket("paydr-payloads-us-east-1"));
        }
    }

    @Test
    void invokingTheSameEventAgainLoadsNothingMore() {
        assertEquals(0, invoke("--event", event("sqs-pointer-raw.json")).status());
        Run again = invoke("--event", event("sqs-pointer-raw.json"));
        assertEquals(0, again.status(), again.err());
        assertEquals(List.of(), again.batchItemFailures());
        assertEquals(5, rows("public.payments"));
        assertTrue(again.out().contains("public.payments: 5 rows (+0 by this invocation)"), again.out());
    }

    @Test
    void theFunctionCanBeNamedAsSamNamesIt() {
        Run run = invoke("IngestFunction", "--event", event("sqs-pointer-legacy-attribute.json"));
        assertEquals(0, run.status(), run.err());
        assertEquals(3, rows("public.payments"));
    }

    @Test
    void legacyAttributePointerLoadsThreeRows() {
        assertLoads("sqs-pointer-legacy-attribute.json", 3);
    }

    @Test
    void snsEnvelopeLoadsTwoRows() {
        assertLoads("sqs-sns-envelope.json", 2);
    }

    @Test
    void inlinePayloadLoadsTwoRowsWithoutS3() {
        Run run = assertLoads("sqs-inline-small.json", 2);
        assertTrue(run.out().lines().noneMatch(l -> l.startsWith("provisioned: s3://")), run.out());
    }

    @Test
    void duplicateDeliveryLoadsOnceAndAcknowledgesBoth() {
        Run run = invoke("--event", event("sqs-duplicate-delivery.json"));
        assertEquals(0, run.status(), run.err());
        assertEquals(List.of(), run.batchItemFailures());
        assertEquals(3, rows("public.payments"));
        assertEquals(1, rows("public.payments_ingest_ledger"));
    }

    @Test
    void malformedPointerIsABatchItemFailure() {
        assertRejected("sqs-malformed-pointer.json", messageIdOf("sqs-malformed-pointer.json"));
    }

    @Test
    void bucketOutsideTheAllowlistIsABatchItemFailure() {
        Run run = assertRejected("sqs-bucket-not-allowed.json", messageIdOf("sqs-bucket-not-allowed.json"));
        assertTrue(run.out().contains("not seeded, no fixture"), run.out());
    }

    @Test
    void scheduledDrainLoadsTheQueuedBacklog() {
        Run run = invoke("--event", event("scheduled-drain.json"));
        assertEquals(0, run.status(), run.err());
        JsonNode report = run.response();
        // the backlog: every SQS sample beside the event, 8 messages; the duplicate pair loads once
        assertEquals(8, report.get("received").asInt(), report.toString());
        assertEquals(5, report.get("payloadsLoaded").asInt(), report.toString());
        assertEquals(15, report.get("rowsInserted").asInt(), report.toString());
        assertEquals(2, report.get("rejected").asInt(), "malformed pointer and foreign bucket: " + report);
        assertEquals(6, report.get("deleted").asInt(), report.toString());
        assertEquals(15, rows("public.payments"));
        assertEquals(5, rows("public.payments_ingest_ledger"));
        assertTrue(run.out().contains("function:    ScheduledDrainFunction"), run.out());
    }

    @Test
    void drainWithAnExplicitBacklogLoadsOnlyThat() {
        Run run = invoke("--event", event("scheduled-drain.json"), "--function", "ScheduledDrainFunction",
                "--backlog", event("sqs-pointer-legacy-attribute.json"));
        assertEquals(0, run.status(), run.err());
        assertEquals(1, run.response().get("received").asInt(), run.response().toString());
        assertEquals(3, rows("public.payments"));
    }

    @Test
    void gzipPayloadIsGzippedFromTheJsonlFixture(@TempDir Path dir) throws IOException {
        byte[] jsonl = Files.readAllBytes(RepoFiles.path("events/sqs-pointer-raw.payload.jsonl"));
        Files.write(dir.resolve("gzip-pointer.payload.jsonl"), jsonl);
        Path event = gzipEvent(dir.resolve("gzip-pointer.json"), gzip(jsonl, Deflater.DEFAULT_COMPRESSION));
        Run run = invoke("--event", event.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(List.of(), run.batchItemFailures(), "payload_sha256 matched the gzipped object:\n" + run.err());
        assertEquals(5, rows("public.payments"));
        assertTrue(run.out().contains("(gzip) from gzip-pointer.payload.jsonl"), run.out());
    }

    @Test
    void storedGzipFixtureIsPutAsItIs(@TempDir Path dir) throws IOException {
        byte[] jsonl = Files.readAllBytes(RepoFiles.path("events/sqs-pointer-raw.payload.jsonl"));
        byte[] stored = gzip(jsonl, Deflater.BEST_COMPRESSION); // other bytes than the command's own gzip would give
        Files.write(dir.resolve("stored-gzip.payload.jsonl.gz"), stored);
        Path event = gzipEvent(dir.resolve("stored-gzip.json"), stored);
        Run run = invoke("--event", event.toString());
        assertEquals(0, run.status(), run.err());
        assertEquals(List.of(), run.batchItemFailures(), run.err());
        assertEquals(5, rows("public.payments"));
        assertTrue(run.out().contains(stored.length + " bytes (gzip) from stored-gzip.payload.jsonl.gz"), run.out());
    }

    @Test
    void drainWithoutAQueueUrlSaysWhereToGiveIt(@TempDir Path dir) throws IOException {
        Path noOverrides = Files.writeString(dir.resolve("env.json"), "{}");
        Run run = invoke("--event", event("scheduled-drain.json"), "--env-vars", noOverrides.toString());
        assertEquals(2, run.status(), run.out() + run.err());
        assertTrue(run.err().contains("QUEUE_URL is !Ref IngestQueue, which only a deployed stack resolves: give it in"
                + " --env-vars"), run.err());
    }

    @Test
    void anInvalidConfigurationNamesTheVariable(@TempDir Path dir) throws IOException {
        Path env = Files.writeString(dir.resolve("env.json"), "{\"IngestFunction\": {\"REGION_ROLE\": \"tertiary\"}}");
        Run run = invoke("--event", event("sqs-pointer-raw.json"), "--env-vars", env.toString());
        assertEquals(2, run.status(), run.out() + run.err());
        assertTrue(run.err().contains("configuration error") && run.err().contains("REGION_ROLE"), run.err());
        assertEquals("", run.out(), "no report: nothing ran");
    }

    @Test
    void aHandlerThatThrowsExitsOneAndSaysWhat(@TempDir Path dir) throws IOException {
        Path template = dir.resolve("template.yaml");
        Files.writeString(template, String.join("\n",
                "Resources:",
                "  BrokenFunction:",
                "    Type: AWS::Serverless::Function",
                "    Properties:",
                "      Handler: " + ThrowingHandler.class.getName() + "::handleRequest",
                "      Environment:",
                "        Variables:",
                "          REGION_ROLE: primary",
                "          REDSHIFT_WORKGROUP: paydr-us-east-1",
                "          REDSHIFT_DATABASE: payments",
                "          REDSHIFT_SECRET_ARN: arn:aws:secretsmanager:us-east-1:000000000000:secret:x",
                "          ALLOWED_BUCKETS: !Sub paydr-payloads-${AWS::Region}",
                "          STAGING_BUCKET: !Sub paydr-payloads-${AWS::Region}",
                "      Events:",
                "        Queue: { Type: SQS, Properties: { Queue: !GetAtt Queue.Arn } }",
                ""));
        Run run = invoke("--event", event("sqs-pointer-raw.json"), "--template", template.toString());
        assertEquals(1, run.status(), run.out() + run.err());
        assertTrue(run.err().contains("the handler threw java.lang.IllegalStateException: boom after 1 records"), run.err());
    }

    @Test
    void badUsageExitsTwoAndNamesTheProblem() {
        assertUsage("no such file events/nothing.json", "does not exist", "--event", "events/nothing.json");
        assertUsage("unknown function", "unknown function 'DrainFunctionX'", "--event", event("scheduled-drain.json"),
                "--function", "DrainFunctionX");
        Run unknown = invoke("--event", event("scheduled-drain.json"), "--function", "DrainFunctionX");
        assertTrue(unknown.err().contains("IngestFunction") && unknown.err().contains("ScheduledDrainFunction"),
                "the functions the template has are listed: " + unknown.err());
        assertUsage("missing --event", "Missing required option: '--event=FILE'", "--function", "IngestFunction");
        assertUsage("sam's positional function id", "unknown function 'Nope'", "Nope", "--event", event("sqs-pointer-raw.json"));
        assertUsage("unknown option (picocli names the option to type instead)", "Missing required option: '--event=FILE'", "--evnt", event("sqs-pointer-raw.json"));
        assertUsage("option without value", "Expected parameter for option '--region'", "--event", event("sqs-pointer-raw.json"), "--region");
        assertUsage("Region devstack lacks", "--region: devstack emulates only us-east-1 and us-west-2, not 'eu-west-1'",
                "--event", event("sqs-pointer-raw.json"), "--region", "eu-west-1");
        assertUsage("event of the wrong kind", "does not look like a SQSEvent, which IngestFunction's handler takes", "--event", event("scheduled-drain.json"),
                "--function", "IngestFunction");
        assertUsage("missing env-vars file", "env-vars file", "--event", event("sqs-pointer-raw.json"),
                "--env-vars", "no-such-env.json");
        assertUsage("missing template", "template", "--event", event("sqs-pointer-raw.json"), "--template", "nope.yaml");
        assertUsage("unknown samconfig environment", "has no [staging.local_invoke.parameters]",
                "--event", event("sqs-pointer-raw.json"), "--config-env", "staging");
    }

    private void assertUsage(String what, String message, String... args) {
        Run run = invoke(args);
        assertEquals(2, run.status(), what + ": " + run.err());
        assertTrue(run.err().contains(message), what + ": expected '" + message + "' in\n" + run.err());
        assertTrue(run.err().contains("usage: invoke [LOGICAL_ID] --event FILE"), what + ": usage printed");
    }

    private Run assertLoads(String eventFile, int expectedRows) {
        Run run = invoke("--event", event(eventFile));
        assertEquals(0, run.status(), run.err());
        assertEquals(List.of(), run.batchItemFailures(), eventFile);
        assertEquals(expectedRows, rows("public.payments"), eventFile);
        assertEquals(1, rows("public.payments_ingest_ledger"), eventFile);
        return run;
    }

    private Run assertRejected(String eventFile, String messageId) {
        Run run = invoke("--event", event(eventFile));
        assertEquals(0, run.status(), "batch item failures are a response, not an error: " + run.err());
        assertEquals(List.of(messageId), run.batchItemFailures(), eventFile);
        assertEquals(0, rows("public.payments"), eventFile);
        return run;
    }

    /** sqs-pointer-raw.json, re-sent as a gzip payload with these stored bytes (digest and size to match). */
    private static Path gzipEvent(Path file, byte[] stored) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(RepoFiles.path("events/sqs-pointer-raw.json").toFile());
        ObjectNode record = (ObjectNode) event.get("Records").get(0);
        // a gzip payload is named <batch_id>.jsonl.gz, as the function checks
        record.put("body", record.get("body").asText().replace(".jsonl\"", ".jsonl.gz\""));
        ObjectNode attributes = (ObjectNode) record.get("messageAttributes");
        ((ObjectNode) attributes.get("content_encoding")).put("stringValue", "gzip");
        ((ObjectNode) attributes.get("payload_sha256")).put("stringValue", Sha256.hexOf(stored));
        ((ObjectNode) attributes.get("ExtendedPayloadSize")).put("stringValue", Integer.toString(stored.length));
        JSON.writeValue(file.toFile(), event);
        return file;
    }

    private static byte[] gzip(byte[] raw, int level) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(level);
            }
        }) {
            gzip.write(raw);
        }
        return out.toByteArray();
    }

    private static String messageIdOf(String eventFile) {
        try {
            return JSON.readTree(RepoFiles.path("events/" + eventFile).toFile()).get("Records").get(0)
                    .get("messageId").asText();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The repository's template.yaml is the default: run in the repository root's terms with absolute paths. */
    private static Run invoke(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--template")) {
            all.addAll(List.of("--template", RepoFiles.path("template.yaml").toString()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LocalInvokeCommand.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), devstack);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String event(String name) {
        return RepoFiles.path("events/" + name).toString();
    }

    private static long rows(String table) {
        try (Connection c = DriverManager.getConnection(devstack.jdbcUrl(DevRegion.PRIMARY));
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new AssertionError("cannot count " + table + ": " + e.getMessage(), e);
        }
    }

}
