package io.paydr.local.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paydr.sam.LambdaEventJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Event files and responses for local invoke, with errors that name the file and the option. The event reaches the
 * handler through {@link LambdaEventJson}, the Lambda Java runtime's own serializer, and the response is written by
 * it; plain Jackson only looks at the file's shape (which function, which event type).
 */
final class EventFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

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

    /** The event as the handler receives it in Lambda: the file's JSON deserialised by the runtime's serializer. */
    static <T> T convert(JsonNode event, Class<T> type, Path file) {
        try {
            return LambdaEventJson.read(event.toString(), type);
        } catch (IllegalArgumentException e) {
            throw InvokeException.usage(file + " is not a " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The response as Lambda returns it: serialised by the runtime's serializer. */
    static String write(Object response) {
        try {
            return LambdaEventJson.write(response);
        } catch (RuntimeException e) {
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
