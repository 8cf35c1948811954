package io.paydr.local.invoke;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.joda.time.DateTime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Event and response JSON as the Java Lambda runtime handles it: property names match case-insensitively
 * ({@code Records}, {@code eventSourceARN}), unknown fields are ignored, EventBridge's {@code detail-type} and ISO
 * times map onto aws-lambda-java-events' ScheduledEvent; responses are written as bean properties.
 */
final class LambdaEventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .addMixIn(ScheduledEvent.class, ScheduledEventNames.class)
            .addModule(new SimpleModule()
                    .addDeserializer(DateTime.class, new IsoDateTime())
                    .addSerializer(DateTime.class, new com.fasterxml.jackson.databind.ser.std.ToStringSerializer()))
            .build();

    private LambdaEventJson() {
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

    /** EventBridge names the field {@code detail-type}. */
    private abstract static class ScheduledEventNames {
        @JsonProperty("detail-type")
        abstract void setDetailType(String detailType);

        @JsonProperty("detail-type")
        abstract String getDetailType();
    }

    private static final class IsoDateTime extends JsonDeserializer<DateTime> {
        @Override
        public DateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return DateTime.parse(parser.getText());
        }
    }
}
