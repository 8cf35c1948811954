package io.paydr.local.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Event files and responses for local invoke, with errors that name the file and the option: the mapping itself is
 * {@link io.paydr.sam.LambdaEventJson#runtime()}, as the Java Lambda runtime reads events.
 */
final class EventFiles {

    private static final ObjectMapper MAPPER = io.paydr.sam.LambdaEventJson.runtime();

    private EventFiles() {
    }

    static JsonNode tree(Path file) {
        if (!Files.isRegularFile(file)) {
            throw InvokeException.usage("event file " + file + " does not exist (--event)");
        }
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw InvokeException.usage("event file " + file + " is not a JSON object");
            }
            return root;
        } catch (IOException e) {
            throw InvokeException.usage("event file " + file + " is not JSON: " + e.getMessage());
        }
    }

    static <T> T convert(JsonNode event, Class<T> type, Path file) {
        try {
            return MAPPER.treeToValue(event, type);
        } catch (IOException | IllegalArgumentException e) {
            throw InvokeException.usage(file + " is not a " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    static String write(Object response) {
        try {
            return MAPPER.writeValueAsString(response);
        } catch (IOException e) {
            return String.valueOf(response);
        }
    }

    /** True for an SQS event as Lambda delivers it: a Records array of aws:sqs records. */
    static boolean isSqsEvent(JsonNode event) {
        JsonNode records = event.get("Records");
        return records != null && records.isArray() && !records.isEmpty()
                && "aws:sqs".equals(records.get(0).path("eventSource").asText());
    }

    /** True for an EventBridge scheduled event. */
    static boolean isScheduledEvent(JsonNode event) {
        return "Scheduled Event".equals(event.path("detail-type").asText());
    }
}
