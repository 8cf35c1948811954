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

/** Captures the function's JSON log lines during a test. */
final class LogCapture implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final PrintStream previous = JsonLog.redirect(new PrintStream(buffer, true, StandardCharsets.UTF_8));

    String text() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    List<JsonNode> events(String event) {
        return text().lines().map(LogCapture::parse).filter(n -> event.equals(n.path("event").asText())).toList();
    }

    JsonNode last(String event) {
        List<JsonNode> found = events(event);
        if (found.isEmpty()) {
            throw new AssertionError("no " + event + " log line in:\n" + text());
        }
        return found.get(found.size() - 1);
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
