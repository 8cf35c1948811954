package io.paydr.ingest.load;

import io.paydr.aws.DataApiExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs many SQL fragments (VALUES tuples, UNION ALL branches) into as few statements as possible, each under
 * a byte budget below the Data API's 100 KB limit: {@code prefix + item + separator + item ... + suffix}.
 */
final class StatementPacker {
    /** Headroom below the Data API limit, for the prefix/suffix and multi-byte characters counted exactly anyway. */
    static final int DEFAULT_BUDGET_BYTES = DataApiExecutor.MAX_SQL_BYTES - 4_096;

    private final String prefix;
    private final String separator;
    private final String suffix;
    private final int budgetBytes;
    private final int fixedBytes;
    private final List<String> statements = new ArrayList<>();
    private StringBuilder current;
    private int currentBytes;

    StatementPacker(String prefix, String separator, String suffix, int budgetBytes) {
        this.prefix = prefix;
        this.separator = separator;
        this.suffix = suffix;
        this.budgetBytes = budgetBytes;
        this.fixedBytes = utf8Length(prefix) + utf8Length(suffix);
        if (fixedBytes >= budgetBytes) {
            throw new IllegalArgumentException("prefix and suffix alone exceed the statement budget");
        }
    }

    StatementPacker(String prefix, String separator, String suffix) {
        this(prefix, separator, suffix, DEFAULT_BUDGET_BYTES);
    }

    StatementPacker add(String item) {
        int itemBytes = utf8Length(item);
        if (fixedBytes + itemBytes > budgetBytes) {
            throw new IllegalArgumentException("one item of " + itemBytes + " bytes does not fit in a statement");
        }
        int separatorBytes = current == null ? 0 : utf8Length(separator);
        if (current != null && fixedBytes + currentBytes + separatorBytes + itemBytes > budgetBytes) {
            flush();
            separatorBytes = 0;
        }
        if (current == null) {
            current = new StringBuilder(prefix);
        } else {
            current.append(separator);
        }
        current.append(item);
        currentBytes += separatorBytes + itemBytes;
        return this;
    }

    /** The packed statements, in item order. */
    List<String> statements() {
        flush();
        return List.copyOf(statements);
    }

    private void flush() {
        if (current != null) {
            statements.add(current.append(suffix).toString());
            current = null;
            currentBytes = 0;
        }
    }

    static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
