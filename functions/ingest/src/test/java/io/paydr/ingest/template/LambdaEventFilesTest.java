package io.paydr.ingest.template;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.paydr.sam.LambdaEventJson;
import io.paydr.sam.RepoFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every file in events/ loads as what Lambda delivers (SQSEvent / ScheduledEvent), carries consistent
 * digests, and every pointer into an allowed bucket has its payload fixture beside it with the sha256,
 * record count and size its attributes announce.
 */
class LambdaEventFilesTest {

    /** What each sample is for: the cases issue #5 asks for. */
    enum Kind { POINTER, INLINE, MALFORMED_POINTER, FOREIGN_BUCKET }

    static final Map<String, Kind> SQS_EVENTS = Map.of(
            "sqs-pointer-raw.json", Kind.POINTER,
            "sqs-pointer-legacy-attribute.json", Kind.POINTER,
            "sqs-sns-envelope.json", Kind.POINTER,
            "sqs-duplicate-delivery.json", Kind.POINTER,
            "sqs-inline-small.json", Kind.INLINE,
            "sqs-malformed-pointer.json", Kind.MALFORMED_POINTER,
            "sqs-bucket-not-allowed.json", Kind.FOREIGN_BUCKET);
    static final String SCHEDULED_EVENT = "scheduled-drain.json";
    private static final Set<String> TOOLS = Set.of("env.json", "generate.py");
    private static final Set<String> RECORD_ATTRIBUTES = Set.of("ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp");
    private static final Set<String> PAYMENT_FIELDS = Set.of("transaction_id", "merchant_id", "amount_minor", "currency", "status", "occurred_at", "source_region");
    private static final Set<String> STATUSES = Set.of("AUTHORIZED", "CAPTURED", "REFUNDED", "DECLINED", "CHARGEBACK");

    /** Files that are no Lambda events (env.json, payload lines) are plain JSON. */
    private static final com.fasterxml.jackson.databind.ObjectMapper PLAIN_JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    static Path events() {
        return RepoFiles.path("events");
    }

    static List<String> sqsEvents() {
        return SQS_EVENTS.keySet().stream().sorted().toList();
    }

    static Map<String, Map<String, String>> envJson() throws IOException {
        return PLAIN_JSON.readValue(events().resolve("env.json").toFile(), new TypeReference<>() {
        });
    }

    static Path fixtureOf(String event) {
        return events().resolve(event.replaceFirst("\\.json$", ".payload.jsonl"));
    }

    @Test
    void everyFileInEventsIsASampleItsFixtureOrATool() throws IOException {
        Set<String> expected = new TreeSet<>(TOOLS);
        expected.addAll(SQS_EVENTS.keySet());
        expected.add(SCHEDULED_EVENT);
        SQS_EVENTS.forEach((event, kind) -> {
            if (kind == Kind.POINTER) {
                expected.add(fixtureOf(event).getFileName().toString());
            }
        });
        try (Stream<Path> files = Files.list(events())) {
            assertEquals(expected, files.map(f -> f.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sqsEvents")
    void sqsEventHasTheShapeLambdaDelivers(String file) throws IOException {
        SQSEvent event = LambdaEventJson.sqsEvent(events().resolve(file));
        String queue = queueName(envJson().get("ScheduledDrainFunction").get("QUEUE_URL"));
        assertFalse(event.getRecords().isEmpty(), file + " has no Records");
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            assertNotNull(record.getMessageId(), "messageId");
            assertFalse(record.getReceiptHandle().isBlank(), "receiptHandle");
            assertEquals(RECORD_ATTRIBUTES, record.getAttributes().keySet());
            assertTrue(Long.parseLong(record.getAttributes().get("ApproximateFirstReceiveTimestamp"))
                    >= Long.parseLong(record.getAttributes().get("SentTimestamp")), "received before it was sent");
            assertEquals("aws:sqs", record.getEventSource());
            assertEquals("arn:aws:sqs:" + record.getAwsRegion() + ":000000000000:" + queue, record.getEventSourceArn(),
                    "the devstack queue that env.json's QUEUE_URL names, in the record's Region");
            assertEquals(EventMessage.md5(record.getBody()), record.getMd5OfBody(), "md5OfBody");
            assertTrue(record.getMessageAttributes().size() <= 10, "SNS raw delivery drops messages with more than 10 attributes");
            record.getMessageAttributes().forEach((name, attribute) -> {
                assertTrue(Set.of("String", "Number").contains(attribute.getDataType()), name + " dataType " + attribute.getDataType());
                assertEquals(List.of(), attribute.getStringListValues(), name + " stringListValues");
                assertEquals(List.of(), attribute.getBinaryListValues(), name + " binaryListValues");
            });
            if (!record.getMessageAttributes().isEmpty()) {
                assertEquals(EventMessage.md5OfMessageAttributes(record.getMessageAttributes()), record.getMd5OfMessageAttributes());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sqsEvents")
    void sampleIsTheCaseItIsNamedFor(String file) throws IOException {
        Set<String> allowed = Set.of(envJson().get("IngestFunction").get("ALLOWED_BUCKETS").split(","));
        for (SQSEvent.SQSMessage record : LambdaEventJson.sqsEvent(events().resolve(file)).getRecords()) {
            EventMessage message = EventMessage.of(record);
            Optional<EventMessage.Pointer> pointer = message.pointer();
            switch (SQS_EVENTS.get(file)) {
                case POINTER -> {
                    assertTrue(pointer.isPresent(), "no valid pointer in " + file);
                    assertTrue(allowed.contains(pointer.get().bucket()), pointer.get().bucket() + " not in ALLOWED_BUCKETS " + allowed);
                    assertTrue(pointer.get().key().matches("payments/v1/dt=\\d{4}-\\d{2}-\\d{2}/hh=\\d{2}/[A-Za-z0-9_-]+\\.jsonl"), pointer.get().key());
                    byte[] fixture = Files.readAllBytes(fixtureOf(file));
                    assertPayloadAttributes(message, fixture);
                    assertEquals(String.valueOf(fixture.length), message.attributes().get(message.sizeAttribute().orElseThrow()), "payload size attribute");
                }
                case INLINE -> {
                    assertTrue(pointer.isEmpty() && message.sizeAttribute().isEmpty(), "inline payloads carry no pointer");
                    assertPayloadAttributes(message, message.body().getBytes(StandardCharsets.UTF_8));
                }
                case MALFORMED_POINTER -> assertTrue(pointer.isEmpty() && message.body().startsWith("[\"" + EventMessage.POINTER_CLASSES.get(0)),
                        "a pointer-looking body that does not parse: " + message.body());
                case FOREIGN_BUCKET -> assertFalse(allowed.contains(pointer.orElseThrow().bucket()), "bucket must be outside " + allowed);
            }
        }
    }

    @Test
    void variantsDifferOnlyInWhatTheyAreAbout() {
        EventMessage raw = only("sqs-pointer-raw.json");
        EventMessage legacy = only("sqs-pointer-legacy-attribute.json");
        EventMessage envelope = only("sqs-sns-envelope.json");
        assertEquals(Optional.of("ExtendedPayloadSize"), raw.sizeAttribute());
        assertEquals(Optional.of("SQSLargePayloadSize"), legacy.sizeAttribute());
        assertFalse(legacy.attributes().containsKey("ExtendedPayloadSize"));
        assertTrue(envelope.envelope() && !raw.envelope(), "only the envelope sample comes without raw delivery");
        SQSEvent envelopeEvent = LambdaEventJson.sqsEvent(events().resolve("sqs-sns-envelope.json"));
        assertEquals(Map.of(), envelopeEvent.getRecords().get(0).getMessageAttributes(), "without raw delivery the attributes are inside the body");

        List<SQSEvent.SQSMessage> twice = LambdaEventJson.sqsEvent(events().resolve("sqs-duplicate-delivery.json")).getRecords();
        assertEquals(2, twice.size());
        assertEquals(twice.get(0).getBody(), twice.get(1).getBody());
        assertEquals(twice.get(0).getMessageAttributes(), twice.get(1).getMessageAttributes());
        assertNotEquals(twice.get(0).getMessageId(), twice.get(1).getMessageId(), "SNS redelivery is a new SQS message");
    }

    @Test
    void scheduledEventIsWhatEventBridgeDeliversToTheDrain() throws IOException {
        ScheduledEvent event = LambdaEventJson.scheduledEvent(events().resolve(SCHEDULED_EVENT));
        assertEquals("Scheduled Event", event.getDetailType());
        assertEquals("aws.events", event.getSource());
        assertEquals("us-east-1", event.getRegion());
        assertNotNull(event.getTime());
        assertTrue(event.getResources().get(0).startsWith("arn:aws:events:us-east-1:" + event.getAccount() + ":rule/"));
        assertEquals(Map.of(), event.getDetail());
    }

    @Test
    void payloadFixturesAreContractV1Payments() throws IOException {
        for (String event : sqsEvents()) {
            if (SQS_EVENTS.get(event) != Kind.POINTER) {
                continue;
            }
            for (String line : Files.readAllLines(fixtureOf(event), StandardCharsets.UTF_8)) {
                JsonNode payment = PLAIN_JSON.readTree(line);
                Set<String> fields = new TreeSet<>();
                payment.fieldNames().forEachRemaining(fields::add);
                assertEquals(new TreeSet<>(PAYMENT_FIELDS), fields, line);
                assertTrue(payment.get("transaction_id").asText().matches("[A-Za-z0-9_-]{1,64}"), line);
                assertTrue(payment.get("amount_minor").canConvertToLong() && payment.get("amount_minor").isIntegralNumber(), line);
                assertTrue(payment.get("currency").asText().matches("[A-Z]{3}"), line);
                assertTrue(STATUSES.contains(payment.get("status").asText()), line);
                assertTrue(payment.get("occurred_at").asText().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"), line);
            }
        }
    }

    private static void assertPayloadAttributes(EventMessage message, byte[] payload) {
        Map<String, String> attributes = message.attributes();
        assertEquals(EventMessage.sha256(payload), attributes.get("payload_sha256"), "payload_sha256");
        long lines = Arrays.stream(new String(payload, StandardCharsets.UTF_8).split("\n")).filter(l -> !l.isBlank()).count();
        assertEquals(String.valueOf(lines), attributes.get("record_count"), "record_count");
        assertEquals("payments", attributes.get("dataset"));
        assertEquals("1", attributes.get("schema_version"));
        assertEquals("identity", attributes.get("content_encoding"));
        assertFalse(attributes.getOrDefault("batch_id", "").isBlank(), "batch_id");
    }

    private static EventMessage only(String file) {
        return EventMessage.of(LambdaEventJson.sqsEvent(events().resolve(file)).getRecords().get(0));
    }

    private static String queueName(String queueUrl) {
        return queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    }
}
