package io.paydr.ops.internal;

import io.paydr.ops.OpsConfigException;

import java.util.regex.Pattern;

/** A {@code schema.table} or {@code table} identifier, checked so it can be placed in SQL text safely. */
public record TableName(String qualified) {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,126}(\\.[A-Za-z_][A-Za-z0-9_]{0,126})?");

    public TableName {
        if (qualified == null || !IDENTIFIER.matcher(qualified).matches()) {
            throw new OpsConfigException("table name '" + qualified + "' must be schema.table of letters, digits"
                    + " and _");
        }
    }

    @Override
    public String toString() {
        return qualified;
    }
}
