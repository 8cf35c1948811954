package io.paydr.ingest.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Structured logs: one JSON object per line on standard output (CloudWatch Logs in Lambda). Callers pass
 * identifiers, counts and reason codes only; payload contents and credentials never belong in a field.
 *
 * <p>Each line has {@code timestamp} (RFC 3339) and {@code level}: with the function's JSON log format, Lambda
 * filters lines written to stdout by that {@code level} (ApplicationLogLevel), and treats a line without a valid
 * level or timestamp as INFO. Lines written during an invocation carry its request id
 * ({@link InvocationLog#REQUEST_ID}), also from worker threads.
 */
public final class JsonLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile PrintStream out = System.out;

    private JsonLog() {
    }

    public static void info(String event, Map<String, ?> fields) {
        write(LogLevel.INFO, event, fields);
    }

    public static void warn(String event, Map<String, ?> fields) {
        write(LogLevel.WARN, event, fields);
    }

    public static void error(String event, Map<String, ?> fields) {
        write(LogLevel.ERROR, event, fields);
    }

    /** Redirects the log (tests capture it to check what is and is not logged). Returns the previous stream. */
    public static PrintStream redirect(PrintStream stream) {
        PrintStream previous = out;
        out = stream;
        return previous;
    }

    /** Writes one line at a level, with the invocation's fields: for the SLF4J binding of the libraries. */
    public static void write(LogLevel level, String event, Map<String, ?> fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().toString());
        line.put("level", level.name());
        line.put("event", event);
        line.putAll(InvocationLog.fields());
        line.putAll(fields);
        try {
            out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            out.println("{\"level\":\"ERROR\",\"event\":\"log_serialisation_failed\"}");
        }
    }

    /** Writes a line that is already one JSON object (the EMF records), to the same stream as every other line. */
    static void raw(String jsonLine) {
        out.println(jsonLine);
    }
}
