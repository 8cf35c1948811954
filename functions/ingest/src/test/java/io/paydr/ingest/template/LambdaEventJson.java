package io.paydr.ingest.template;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.joda.time.DateTime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Reads Lambda event JSON into the aws-lambda-java-events classes the handlers take, strictly: an unknown
 * field fails (a typo in an event file is caught), names match case-insensitively as the Lambda runtime's
 * serializer does ({@code eventSourceARN}, {@code Records}), {@code detail-type} and the Joda time as delivered.
 */
final class LambdaEventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addMixIn(ScheduledEvent.class, ScheduledEventNames.class)
            .addModule(new SimpleModule().addDeserializer(DateTime.class, new IsoDateTime()))
            .build();

    private LambdaEventJson() {
    }

    static ObjectMapper mapper() {
        return MAPPER;
    }

    static SQSEvent sqsEvent(Path file) {
        return read(file, SQSEvent.class);
    }

    static ScheduledEvent scheduledEvent(Path file) {
        return read(file, ScheduledEvent.class);
    }

    private static <T> T read(Path file, Class<T> type) {
        try {
            return MAPPER.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(file.getFileName() + " is not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** EventBridge names the field {@code detail-type}. */
    private abstract static class ScheduledEventNames {
        @JsonProperty("detail-type")
        abstract void setDetailType(String detailType);
    }

    private static final class IsoDateTime extends JsonDeserializer<DateTime> {
        @Override
        public DateTime deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return DateTime.parse(parser.getText());
        }
    }
}
