package io.paydr.local.invoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paydr.local.report.ReportJson;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Prints an {@link InvocationResult} for a person (what ran, what was seeded, the response, the warehouse rows), or
 * as one JSON document for {@code --json} with the same content and the response as JSON.
 */
final class ReportPrinter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportPrinter() {
    }

    static void print(InvocationResult result, PrintStream out) {
        out.println("function:    " + result.function() + " (" + result.handler() + ") in " + result.region());
        out.println("event:       " + result.event() + " as " + result.eventType());
        Map<String, TreeSet<String>> bySource = new TreeMap<>();
        result.environmentSources().forEach((name, source) -> bySource.computeIfAbsent(source, s -> new TreeSet<>()).add(name));
        bySource.forEach((source, names) -> out.println("environment: from " + source + ": " + String.join(", ", names)));
        result.unresolved().forEach((name, expression) -> out.println("environment: " + name + " left unset ("
                + expression + " needs a deployed stack)"));
        result.provisioned().forEach(line -> out.println("provisioned: " + line));
        out.println("response:    " + result.responseJson());
        for (InvocationResult.TableAfter table : result.tables()) {
            out.println("warehouse:   " + table.table() + ": " + table.rows() + (table.rows() == 1 ? " row (" : " rows (")
                    + signed(table.rowsAdded()) + " by this invocation)");
            printRows(table.firstRows(), out);
        }
    }

    private static void printRows(List<Map<String, String>> rows, PrintStream out) {
        if (rows.isEmpty()) {
            return;
        }
        out.println("  " + String.join(" | ", rows.get(0).keySet()));
        for (Map<String, String> row : rows) {
            out.println("  " + row.values().stream().map(String::valueOf).collect(Collectors.joining(" | ")));
        }
    }

    private static String signed(long n) {
        return n >= 0 ? "+" + n : Long.toString(n);
    }

    static String json(InvocationResult result, Optional<Path> functionLog) {
        ObjectNode doc = ReportJson.object().put("command", "invoke").put("function", result.function())
                .put("handler", result.handler()).put("region", result.region())
                .put("event", result.event().toString()).put("event_type", result.eventType());
        ObjectNode sources = doc.putObject("environment_sources");
        new TreeMap<>(result.environmentSources()).forEach(sources::put);
        ObjectNode unresolved = doc.putObject("environment_unresolved");
        new TreeMap<>(result.unresolved()).forEach(unresolved::put);
        result.provisioned().forEach(doc.putArray("provisioned")::add);
        try {
            doc.set("response", JSON.readTree(result.responseJson()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("the handler's response is not JSON: " + result.responseJson(), e);
        }
        ArrayNode tables = doc.putArray("warehouse");
        for (InvocationResult.TableAfter table : result.tables()) {
            ObjectNode t = tables.addObject().put("table", table.table()).put("rows", table.rows())
                    .put("rows_before", table.rowsBefore()).put("rows_added", table.rowsAdded());
            ArrayNode rows = t.putArray("first_rows");
            table.firstRows().forEach(row -> {
                ObjectNode r = rows.addObject();
                row.forEach(r::put);
            });
        }
        ReportJson.functionLog(doc, functionLog);
        return ReportJson.write(doc);
    }
}
