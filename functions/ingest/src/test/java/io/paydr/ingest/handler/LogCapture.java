package io.paydr.ingest.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paydr.ingest.internal.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Captures the function's structured log (one JSON object per line, {@link JsonLog}) while open. Thread-safe:
 * pollers of both Regions may log into it at once. Closing restores the previous stream. Shared with the
 * reliability tests through this module's test-jar.
 */
public final class LogCapture implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream previous;

    private LogCapture() {
        previous = JsonLog.redirect(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    }

    public static LogCapture start() {
        return new LogCapture();
    }

    public String text() {
        synchronized (buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }

    /** Every log line of that event, in order. */
    public List<JsonNode> events(String event) {
        return text().lines().map(LogCapture::parse).filter(n -> event.equals(n.path("event").asText())).toList();
    }

    /** The last log line of that event. */
    public JsonNode last(String event) {
        List<JsonNode> found = events(event);
        if (found.isEmpty()) {
            throw new AssertionError("no " + event + " log line in:\n" + text());
        }
        return found.get(found.size() - 1);
    }

    /** The message_rejected lines of one message id. */
    public List<JsonNode> rejections(String messageId) {
        return events("message_rejected").stream().filter(n -> messageId.equals(n.path("messageId").asText()))
                .toList();
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON log line: " + line, e);
        }
    }

    @Override
    public void close() {
        JsonLog.redirect(previous);
    }
}
