package io.paydr.sam;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import org.joda.time.DateTime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Lambda event and response JSON in the aws-lambda-java-events classes the handlers take, the one mapping of
 * local invoke, the event-source emulation's tests and the template tests: property names match case-insensitively
 * as the Java runtime's serializer does ({@code Records}, {@code eventSourceARN}), EventBridge's
 * {@code detail-type} and ISO times map onto ScheduledEvent, responses are written as bean properties.
 * {@link #runtime()} ignores unknown fields as the runtime does; {@link #strict()} fails on them, so a typo in an
 * event file is caught.
 */
public final class LambdaEventJson {

    private static final ObjectMapper RUNTIME = builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final ObjectMapper STRICT = builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private LambdaEventJson() {
    }

    /** As the Lambda runtime reads events: unknown fields are ignored. */
    public static ObjectMapper runtime() {
        return RUNTIME;
    }

    /** As {@link #runtime()}, but an unknown field fails. */
    public static ObjectMapper strict() {
        return STRICT;
    }

    /** Reads an event file strictly. */
    public static SQSEvent sqsEvent(Path file) {
        return read(file, SQSEvent.class);
    }

    public static ScheduledEvent scheduledEvent(Path file) {
        return read(file, ScheduledEvent.class);
    }

    private static <T> T read(Path file, Class<T> type) {
        try {
            return STRICT.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(file.getFileName() + " is not a valid " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static JsonMapper.Builder builder() {
        return JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .addMixIn(ScheduledEvent.class, ScheduledEventNames.class)
                .addModule(new SimpleModule()
                        .addDeserializer(DateTime.class, new IsoDateTime())
                        .addSerializer(DateTime.class, new ToStringSerializer()));
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
