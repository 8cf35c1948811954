package io.paydr.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event in events/ as the Lambda Java runtime's own serializer reads it: each field of the file arrives in
 * the event class (none silently dropped), and what the runtime would be strict about it is strict about here.
 */
class LambdaEventJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> eventFiles() throws IOException {
        try (Stream<Path> files = Files.list(RepoFiles.path("events"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals("env.json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventFiles")
    void everyEventFileIsReadByTheRuntimesSerializerWithNoFieldDropped(Path file) throws IOException {
        JsonNode tree = JSON.readTree(file.toFile());
        if (tree.has("Records")) {
            SQSEvent event = LambdaEventJson.sqsEvent(file);
            assertEquals(tree.get("Records").size(), event.getRecords().size());
            for (int i = 0; i < event.getRecords().size(); i++) {
                SQSEvent.SQSMessage record = event.getRecords().get(i);
                JsonNode given = tree.get("Records").get(i);
                assertEquals(given.get("messageId").asText(), record.getMessageId());
                assertEquals(given.get("body").asText(), record.getBody());
                assertEquals(given.get("eventSourceARN").asText(), record.getEventSourceArn(), "eventSourceARN");
                assertEquals(given.get("attributes").get("SentTimestamp").asText(),
                        record.getAttributes().get("SentTimestamp"));
                given.get("messageAttributes").fields().forEachRemaining(a -> assertEquals(
                        a.getValue().get("stringValue").asText(),
                        record.getMessageAttributes().get(a.getKey()).getStringValue(), a.getKey()));
            }
        } else {
            ScheduledEvent event = LambdaEventJson.scheduledEvent(file);
            assertEquals(tree.get("detail-type").asText(), event.getDetailType());
            assertEquals(java.time.Instant.parse(tree.get("time").asText()).toEpochMilli(), event.getTime().getMillis());
            assertEquals(tree.get("region").asText(), event.getRegion());
        }
    }

    @Test
    void propertyNamesAreCaseSensitiveAsInTheRuntime(@TempDir Path dir) throws IOException {
        // Jackson with ACCEPT_CASE_INSENSITIVE_PROPERTIES would fill eventSourceArn from this; the runtime does not
        SQSEvent event = LambdaEventJson.read("{\"Records\":[{\"messageId\":\"m-1\",\"eventSourceArn\":\"arn:x\","
                + "\"Body\":\"b\"}]}", SQSEvent.class);
        assertEquals("m-1", event.getRecords().get(0).getMessageId());
        assertNull(event.getRecords().get(0).getEventSourceArn());
        assertNull(event.getRecords().get(0).getBody());
        assertNull(LambdaEventJson.read("{\"records\":[{\"messageId\":\"m-1\"}]}", SQSEvent.class).getRecords());

        Path typo = dir.resolve("typo.json");
        Files.writeString(typo, "{\"Records\":[{\"messageId\":\"m-1\",\"body\":\"b\",\"eventSourceArn\":\"arn:x\"}]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LambdaEventJson.sqsEvent(typo));
        assertTrue(e.getMessage().contains("/Records/0/eventSourceArn"), e.getMessage());
    }

    @Test
    void aBatchResponseIsWrittenAsTheRuntimeWritesIt() throws IOException {
        SQSBatchResponse response = SQSBatchResponse.builder().withBatchItemFailures(List.of(
                SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier("m-2").build())).build();
        JsonNode written = JSON.readTree(LambdaEventJson.write(response));
        assertEquals("m-2", written.get("batchItemFailures").get(0).get("itemIdentifier").asText(), written.toString());
        SQSBatchResponse read = LambdaEventJson.read(written.toString(), SQSBatchResponse.class);
        assertEquals("m-2", read.getBatchItemFailures().get(0).getItemIdentifier());
    }
}
