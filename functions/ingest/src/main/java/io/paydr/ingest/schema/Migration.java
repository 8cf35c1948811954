package io.paydr.ingest.schema;

import java.util.List;

/** One schema version: its number, a description (from the file name) and its DDL statements in order. */
public record Migration(int version, String description, List<String> statements) {
    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1");
        }
        statements = List.copyOf(statements);
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("migration V" + version + " has no statements");
        }
    }
}
