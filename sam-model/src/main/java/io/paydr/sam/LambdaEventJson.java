package io.paydr.sam;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lambda event and response JSON exactly as the Java runtime reads and writes it: with
 * {@code com.amazonaws:aws-lambda-java-serialization}, the runtime's own serializer, chosen per type as the runtime
 * interface client chooses it: the event serializers (with their mix-ins: {@code Records}, {@code eventSourceARN},
 * {@code detail-type}, joda times) for the aws-lambda-java-events classes the runtime supports, its Jackson
 * factory for every other type (such as {@code SQSBatchResponse} or a record like {@code DrainReport}). The one
 * mapping of local invoke, the event-source emulation and the tests. Like the runtime, property names are
 * case-sensitive and unknown fields are ignored; {@link #sqsEvent(Path)} and {@link #scheduledEvent(Path)} also
 * refuse a file with a field the runtime would drop, so a typo in a sample event is caught.
 */
public final class LambdaEventJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Class<?>, PojoSerializer<?>> SERIALIZERS = new ConcurrentHashMap<>();

    private LambdaEventJson() {
    }

    /** The runtime's serializer for a handler's parameter or result type. */
    @SuppressWarnings("unchecked")
    public static <T> PojoSerializer<T> serializer(Class<T> type) {
        return (PojoSerializer<T>) SERIALIZERS.computeIfAbsent(type, t ->
                LambdaEventSerializers.isLambdaSupportedEvent(t.getName())
                        ? LambdaEventSerializers.serializerFor(t, LambdaEventJson.class.getClassLoader())
                        : JacksonFactory.getInstance().getSerializer(t));
    }

    /** Deserialises an event into the handler's parameter type as the runtime does. */
    public static <T> T read(String json, Class<T> type) {
        try {
            return serializer(type).fromJson(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + " as Lambda reads it: "
                    + rootMessage(e), e);
        }
    }

    /** Serialises a handler's result (or an event) as the runtime does. */
    @SuppressWarnings("unchecked")
    public static String write(Object value) {
        if (value == null) {
            return "null";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((PojoSerializer<Object>) serializer(value.getClass())).toJson(value, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Reads an SQS event file as the runtime does, refusing fields the runtime would drop. */
    public static SQSEvent sqsEvent(Path file) {
        return readFile(file, SQSEvent.class);
    }

    public static ScheduledEvent scheduledEvent(Path file) {
        return readFile(file, ScheduledEvent.class);
    }

    /**
     * Reads an event file as the runtime does; a field of the file that does not come back when the event is written
     * again (a misspelt or unknown name, which the runtime silently ignores) is an error naming its path.
     */
    public static <T> T readFile(Path file, Class<T> type) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        T event;
        try {
            event = read(text, type);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file.getFileName() + ": " + e.getMessage(), e);
        }
        List<String> dropped = new ArrayList<>();
        droppedFields(tree(text, file), tree(write(event), file), "", dropped);
        if (!dropped.isEmpty()) {
            throw new IllegalArgumentException(file.getFileName() + " has fields the Lambda runtime ignores for a "
                    + type.getSimpleName() + ": " + dropped);
        }
        return event;
    }

    /** Paths of {@code given}'s fields that {@code kept} lacks (values are not compared: times are re-rendered). */
    static void droppedFields(JsonNode given, JsonNode kept, String path, List<String> dropped) {
        if (given.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode other = kept == null ? null : kept.get(field.getKey());
                String at = path + "/" + field.getKey();
                if ((other == null || other.isNull()) && !field.getValue().isNull()) {
                    dropped.add(at);
                } else if (other != null) {
                    droppedFields(field.getValue(), other, at, dropped);
                }
            }
        } else if (given.isArray()) {
            for (int i = 0; i < given.size(); i++) {
                droppedFields(given.get(i), kept != null && kept.isArray() ? kept.get(i) : null, path + "/" + i,
                        dropped);
            }
        }
    }

    private static JsonNode tree(String json, Path file) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(file.getFileName() + " is not JSON: " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }
}
