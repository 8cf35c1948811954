package io.paydr.local.invoke;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Prints an {@link InvocationResult} for a person: what ran, what was seeded, the response, the warehouse rows. */
final class ReportPrinter {

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
}
