package io.paydr.local.invoke;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one local invocation did: which function and handler ran in which Region, where each environment variable
 * came from (and which template values stayed unresolved), what was provisioned, the handler's response (the object
 * and its JSON, as Lambda would return it) and the warehouse tables afterwards with their row counts before.
 */
public record InvocationResult(String function, String handler, String region, Path event, String eventType,
                               Map<String, String> environmentSources, Map<String, String> unresolved,
                               List<String> provisioned, Object response, String responseJson,
                               List<TableAfter> tables) {

    /** A warehouse table after the invocation, and its row count before it. */
    public record TableAfter(String table, long rowsBefore, long rows, List<Map<String, String>> firstRows) {
        public long rowsAdded() {
            return rows - rowsBefore;
        }
    }

    public InvocationResult {
        environmentSources = Map.copyOf(environmentSources);
        unresolved = Map.copyOf(unresolved);
        provisioned = List.copyOf(provisioned);
        tables = List.copyOf(tables);
    }
}
