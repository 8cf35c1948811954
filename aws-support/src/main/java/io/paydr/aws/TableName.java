package io.paydr.aws;

import java.util.regex.Pattern;

/**
 * A schema-qualified table name from configuration. Only plain lower-case identifiers are accepted, so a
 * name can be written into SQL text without quoting and can never carry SQL of its own.
 */
public record TableName(String schema, String table) {
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,126}");

    public TableName {
        requireIdentifier(schema);
        requireIdentifier(table);
    }

    /** Parses {@code schema.table}; a bare {@code table} means schema {@code public}. */
    public static TableName parse(String qualified) {
        String[] parts = qualified.trim().split("\\.", -1);
        if (parts.length == 1) {
            return new TableName("public", parts[0]);
        }
        if (parts.length != 2) {
            throw new IllegalArgumentException("table name must be schema.table, was '" + qualified + "'");
        }
        return new TableName(parts[0], parts[1]);
    }

    private static void requireIdentifier(String identifier) {
        if (identifier == null || !IDENTIFIER.matcher(identifier).matches()) {
            throw new IllegalArgumentException(
                    "identifier must match " + IDENTIFIER.pattern() + ", was '" + identifier + "'");
        }
    }

    /**
     * The table that keeps every losing version of this table's records ({@code <table>_conflicts}, same schema):
     * a record is its transaction_id, and a version that loses to another is kept there, never dropped.
     */
    public TableName conflicts() {
        return new TableName(schema, table + "_conflicts");
    }

    /** The name as written in SQL: {@code schema.table}. */
    public String qualified() {
        return schema + "." + table;
    }

    @Override
    public String toString() {
        return qualified();
    }
}
