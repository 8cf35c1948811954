package io.paydr.ingest.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paydr.contract.Sha256;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.ingest.config.IngestConfig;
import io.paydr.ingest.handler.LogCapture;
import io.paydr.ingest.handler.SqsIngestHandler;
import io.paydr.sam.CfnTemplate;
import io.paydr.sam.CfnYaml;
import io.paydr.sam.LambdaEventJson;
import io.paydr.sam.RepoFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The Region's dashboard shows only metrics that exist: every paydr/ingest metric on it (name, namespace and
 * dimensions) is one the function emitted in an in-process run on devstack (its EMF records, parsed from its log),
 * every AWS metric names a queue or function of the same stack; and it shows what the on-call SRE needs, with the
 * RPO budget drawn where the RPO is.
 */
class DashboardTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CfnTemplate TEMPLATE = CfnTemplate.read(RepoFiles.path("template.yaml"));
    private static final String DASHBOARD = "OperationsDashboard";

    /** What the function emitted: namespace, dimension sets, metric name to unit, and the RegionRole value. */
    private record Emitted(String namespace, Set<List<String>> dimensionSets, Map<String, String> units,
                           String regionRole) {
    }

    private static Emitted emitted;

    /** One metric line of a widget: namespace, name, dimensions and its options. */
    private record Shown(String namespace, String name, Map<String, String> dimensions, JsonNode options) {
    }

    @BeforeAll
    static void runTheFunctionAndReadItsMetrics() throws IOException {
        IamCoverageTest.prepareDevstack();
        SQSEvent event = LambdaEventJson.sqsEvent(LambdaEventFilesTest.events().resolve("sqs-pointer-raw.json"));
        SQSEvent.SQSMessage record = event.getRecords().get(0);
        // the fixture's records under transaction ids of their own: content the warehouse has not seen loads
        // (the same bytes would be in the ledger already after IamCoverageTest, and load nothing)
        String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] payload = Files.readString(LambdaEventFilesTest.fixtureOf("sqs-pointer-raw.json"))
                .replaceAll("\"transaction_id\":\"([^\"]+)\"", "\"transaction_id\":\"$1" + suffix + "\"")
                .getBytes(StandardCharsets.UTF_8);
        EventMessage.Pointer pointer = EventMessage.of(record).pointer().orElseThrow();
        String key = pointer.key().replace(".jsonl", suffix + ".jsonl");
        Devstack.shared().s3(DevRegion.PRIMARY).putObject(r -> r.bucket(pointer.bucket()).key(key),
                RequestBody.fromBytes(payload));
        record.setBody(record.getBody().replace(pointer.key(), key));
        Map<String, SQSEvent.MessageAttribute> attributes = record.getMessageAttributes();
        attributes.get("batch_id").setStringValue(attributes.get("batch_id").getStringValue() + suffix);
        attributes.get("payload_sha256").setStringValue(Sha256.hexOf(payload));
        attributes.get("ExtendedPayloadSize").setStringValue(Integer.toString(payload.length));
        record.getAttributes().put("SentTimestamp", Long.toString(System.currentTimeMillis()));
        Map<String, String> env = IamCoverageTest.environment("devstack", "IngestFunction");
        String text;
        try (LogCapture log = LogCapture.start()) {
            SQSBatchResponse response = new SqsIngestHandler(IngestConfig.fromEnvironment(env))
                    .handleRequest(event, TestLambdaContext.withBudget("ingest", 60_000));
            assertEquals(List.of(), response.getBatchItemFailures(), "the run must commit, for IngestLag and LoadLatency");
            text = log.text();
        }
        Set<String> namespaces = new TreeSet<>();
        Set<List<String>> dimensionSets = new HashSet<>();
        Map<String, String> units = new LinkedHashMap<>();
        String role = null;
        for (String line : text.lines().toList()) {
            JsonNode node = JSON.readTree(line);
            if (!node.has("_aws")) {
                continue;
            }
            for (JsonNode directive : node.path("_aws").path("CloudWatchMetrics")) {
                namespaces.add(directive.path("Namespace").asText());
                for (JsonNode set : directive.path("Dimensions")) {
                    List<String> names = new ArrayList<>();
                    set.forEach(n -> names.add(n.asText()));
                    dimensionSets.add(names);
                    names.forEach(n -> assertTrue(node.has(n), "dimension " + n + " has no value in " + node));
                }
                directive.path("Metrics").forEach(m -> units.put(m.path("Name").asText(), m.path("Unit").asText()));
            }
            role = node.path("RegionRole").asText();
        }
        assertEquals(1, namespaces.size(), "one namespace: " + namespaces);
        emitted = new Emitted(namespaces.iterator().next(), dimensionSets, units, role);
        assertEquals(env.get(IngestConfig.REGION_ROLE), role, "the dimension's value is the function's REGION_ROLE");
    }

    static Stream<Deployments.Named> deployments() {
        return Deployments.all().stream();
    }

    private static JsonNode body(Deployment deployment) throws IOException {
        return JSON.readTree((String) deployment.resource(DASHBOARD).properties().get("DashboardBody"));
    }

    /** The metric lines of a widget; "." repeats the line above, as the dashboard syntax allows. */
    private static List<Shown> shown(JsonNode widget) {
        List<Shown> lines = new ArrayList<>();
        List<String> previous = List.of();
        for (JsonNode line : widget.path("properties").path("metrics")) {
            if (line.get(0).isObject()) {
                continue; // an expression: checked in expressionsUseOnlyTheirWidgetsMetrics
            }
            List<String> fields = new ArrayList<>();
            JsonNode options = JSON.createObjectNode();
            for (int i = 0; i < line.size(); i++) {
                if (line.get(i).isObject()) {
                    options = line.get(i);
                } else {
                    String value = line.get(i).asText();
                    fields.add(value.equals(".") ? previous.get(i) : value);
                }
            }
            previous = fields;
            Map<String, String> dimensions = new LinkedHashMap<>();
            for (int i = 2; i + 1 < fields.size(); i += 2) {
                dimensions.put(fields.get(i), fields.get(i + 1));
            }
            assertEquals(0, fields.size() % 2, "dimension without a value: " + line);
            lines.add(new Shown(fields.get(0), fields.get(1), dimensions, options));
        }
        return lines;
    }

    private static List<Shown> allShown(JsonNode body) {
        List<Shown> all = new ArrayList<>();
        body.path("widgets").forEach(w -> all.addAll(shown(w)));
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void everyPaydrMetricOnTheDashboardIsOneTheFunctionEmits(Deployments.Named named) throws IOException {
        Deployment deployment = named.deploy(TEMPLATE);
        String role = deployment.parameter("RegionRole");
        assertEquals(role, TemplateSecurityReview.environment(TemplateWiringTest.consumer(deployment))
                .get(IngestConfig.REGION_ROLE), "the function's dimension value is the stack's RegionRole");
        for (Shown line : allShown(body(deployment))) {
            if (!line.namespace().startsWith("AWS/")) {
                assertEquals(emitted.namespace(), line.namespace(), line.toString());
                assertTrue(emitted.units().containsKey(line.name()), line.name() + " is not emitted; emitted: "
                        + emitted.units().keySet());
                assertTrue(emitted.dimensionSets().contains(List.copyOf(line.dimensions().keySet())),
                        line + ": the function emits the dimension sets " + emitted.dimensionSets());
                assertEquals(role, line.dimensions().get("RegionRole"), line.toString());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void everyAwsMetricIsOneOfThisStacksQueuesOrItsFunction(Deployments.Named named) throws IOException {
        Deployment deployment = named.deploy(TEMPLATE);
        Map<String, Object> variables = subVariables(deployment);
        assertEquals(Map.of("Ref", TemplateWiringTest.consumer(deployment).id()), variables.get("FunctionName"),
                "the Lambda widgets show the function this deploy creates");
        assertEquals(String.valueOf(((Number) TemplateWiringTest.consumer(deployment).properties().get("Timeout"))
                .longValue() * 1000), String.valueOf(variables.get("TimeoutMillis")), "the timeout line is the Timeout");
        Map<String, Set<String>> known = Map.of(
                "AWS/SQS", Set.of("ApproximateAgeOfOldestMessage", "ApproximateNumberOfMessagesVisible",
                        "ApproximateNumberOfMessagesNotVisible"),
                "AWS/Lambda", Set.of("Errors", "Throttles", "Invocations", "Duration"));
        for (Shown line : allShown(body(deployment))) {
            if (line.namespace().equals("AWS/SQS")) {
                assertEquals(Set.of("QueueName"), line.dimensions().keySet(), line.toString());
                String queue = line.dimensions().get("QueueName");
                assertTrue(queue.equals("${IngestQueue.QueueName}") || queue.equals("${IngestDeadLetterQueue.QueueName}"),
                        line.toString());
            } else if (line.namespace().equals("AWS/Lambda")) {
                assertEquals(Map.of("FunctionName", "${FunctionName}"), line.dimensions(), line.toString());
            } else {
                continue;
            }
            assertTrue(known.get(line.namespace()).contains(line.name()), line + " is not a metric of " + line.namespace());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void theOnCallViewHasTheRpoAgainstItsBudgetAndEverySignalTheRunbookNames(Deployments.Named named) throws IOException {
        Deployment deployment = named.deploy(TEMPLATE);
        JsonNode body = body(deployment);
        List<Shown> all = allShown(body);
        Set<String> stats = new HashSet<>();
        all.stream().filter(s -> s.name().equals("IngestLag")).forEach(s -> stats.add(s.options().path("stat").asText()));
        assertTrue(stats.containsAll(Set.of("p50", "p99")), "IngestLag p50 and p99: " + stats);
        Set<String> names = new HashSet<>();
        all.forEach(s -> names.add(s.namespace() + " " + s.name() + " " + s.dimensions().values()));
        for (String required : List.of("paydr/ingest PayloadsLoaded", "paydr/ingest RowsInserted",
                "paydr/ingest ConflictingRecords", "paydr/ingest ReusedPayloadKeys", "paydr/ingest DataApiCalls",
                "paydr/ingest DataApiThrottles", "AWS/SQS ApproximateAgeOfOldestMessage [${IngestQueue.QueueName}]",
                "AWS/SQS ApproximateNumberOfMessagesVisible [${IngestDeadLetterQueue.QueueName}]",
                "AWS/Lambda Errors", "AWS/Lambda Duration", "AWS/Lambda Throttles")) {
            assertTrue(names.stream().anyMatch(n -> n.startsWith(required)), required + " is not on the dashboard");
        }

        String budget = deployment.parameter("RpoAlarmThresholdSeconds");
        assertEquals("Milliseconds", emitted.units().get("IngestLag"));
        int budgetLines = 0;
        for (JsonNode widget : body.path("widgets")) {
            List<Shown> lines = shown(widget);
            boolean lag = lines.stream().anyMatch(s -> s.name().equals("IngestLag"));
            boolean age = lines.stream().anyMatch(s -> s.name().equals("ApproximateAgeOfOldestMessage"));
            if (!lag && !age) {
                continue;
            }
            JsonNode horizontal = widget.path("properties").path("annotations").path("horizontal");
            assertEquals(1, horizontal.size(), "the RPO budget on " + widget.path("properties").path("title"));
            assertEquals(Double.parseDouble(budget), horizontal.get(0).path("value").asDouble(), widget.toString());
            budgetLines++;
            if (lag) {
                // IngestLag is in milliseconds, the budget in seconds: only the lines in seconds are visible
                for (JsonNode line : widget.path("properties").path("metrics")) {
                    if (line.get(0).isObject()) {
                        assertTrue(line.get(0).path("expression").asText().endsWith("/ 1000"), line.toString());
                    } else {
                        assertFalse(line.get(line.size() - 1).path("visible").asBoolean(true), line.toString());
                    }
                }
            }
        }
        assertEquals(2, budgetLines, "the lag and the oldest message, each against the budget");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void expressionsUseOnlyTheirWidgetsMetricsAndTheAlarmsExist(Deployments.Named named) throws IOException {
        Deployment deployment = named.deploy(TEMPLATE);
        JsonNode body = body(deployment);
        Pattern identifier = Pattern.compile("[a-z][A-Za-z0-9_]*");
        for (JsonNode widget : body.path("widgets")) {
            Set<String> ids = new HashSet<>();
            widget.path("properties").path("metrics").forEach(l -> l.forEach(f -> {
                if (f.isObject() && f.has("id")) {
                    ids.add(f.path("id").asText());
                }
            }));
            for (JsonNode line : widget.path("properties").path("metrics")) {
                if (line.get(0).isObject() && line.get(0).has("expression")) {
                    Matcher m = identifier.matcher(line.get(0).path("expression").asText());
                    while (m.find()) {
                        assertTrue(ids.contains(m.group()), m.group() + " in " + line + " is no metric of its widget");
                    }
                }
            }
            for (JsonNode alarm : widget.path("properties").path("alarms")) {
                String id = alarm.asText().replace("${", "").replace(".Arn}", "");
                assertEquals("AWS::CloudWatch::Alarm", deployment.resource(id).type(), alarm.asText());
            }
        }
    }

    /** The Fn::Sub variables of the dashboard body, resolved for this deploy (symbolic where only AWS knows). */
    private static Map<String, Object> subVariables(Deployment deployment) {
        Map<String, Object> raw = CfnYaml.asMap(TEMPLATE.properties(DASHBOARD).get("DashboardBody"), "DashboardBody");
        List<Object> sub = CfnYaml.asList(raw.get("Fn::Sub"), "Fn::Sub");
        Map<String, Object> variables = new HashMap<>();
        CfnYaml.asMap(sub.get(1), "variables").forEach((name, value) -> variables.put(name, deployment.resolve(value)));
        return variables;
    }
}
