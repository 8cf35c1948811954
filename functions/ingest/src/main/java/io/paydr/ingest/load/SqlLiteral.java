package io.paydr.ingest.load;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * SQL literals that are safe in both Amazon Redshift and PostgreSQL. BatchExecuteStatement takes no parameters,
 * so record values must be written into SQL text: quotes are doubled, and because the two engines disagree on
 * backslashes in literals (Redshift treats them as escapes), backslashes and control characters are spliced in
 * with {@code CHR(n)}, which both read the same way. NUL cannot be stored in either and is refused.
 */
public final class SqlLiteral {
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private SqlLiteral() {
    }

    /** A string literal, e.g. {@code 'O''Brien'} or {@code 'a' || CHR(92) || 'b'}. */
    public static String string(String value) {
        StringBuilder sql = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\'') {
                sql.append("''");
            } else if (c == '\\' || c < 0x20 || c == 0x7f) {
                if (c == 0) {
                    throw new IllegalArgumentException("NUL characters cannot be stored in a warehouse string");
                }
                sql.append("' || CHR(").append((int) c).append(") || '");
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 == value.length()
                        || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    throw new IllegalArgumentException("unpaired UTF-16 surrogate at index " + i);
                }
                sql.append(c).append(value.charAt(++i));
            } else {
                sql.append(c);
            }
        }
        return sql.append('\'').toString();
    }

    /** A BIGINT literal. */
    public static String bigint(long value) {
        return Long.toString(value);
    }

    /** A UTC TIMESTAMP literal with millisecond precision (the precision of the wire contract). */
    public static String timestamp(Instant value) {
        return "CAST('" + TIMESTAMP.format(value) + "' AS TIMESTAMP)";
    }

    /** A string literal or NULL. */
    public static String nullableString(String value) {
        return value == null ? "NULL" : string(value);
    }
}
