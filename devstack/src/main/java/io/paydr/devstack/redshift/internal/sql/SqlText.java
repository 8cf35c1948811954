package io.paydr.devstack.redshift.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * SQL text cut into code and non-code (string literals, quoted identifiers, dollar quotes, comments),
 * so rewrites and keyword checks never touch what is inside quotes or comments.
 */
public final class SqlText {

    /** One piece of the text; {@code code} is false for literals, quoted identifiers and comments. */
    public record Segment(String text, boolean code) {
    }

    private final List<Segment> segments;

    private SqlText(List<Segment> segments) {
        this.segments = List.copyOf(segments);
    }

    public static SqlText of(String sql) {
        List<Segment> out = new ArrayList<>();
        StringBuilder code = new StringBuilder();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            int end = endOfQuoted(sql, i);
            if (end == i) {
                code.append(sql.charAt(i++));
                continue;
            }
            if (code.length() > 0) {
                out.add(new Segment(code.toString(), true));
                code.setLength(0);
            }
            out.add(new Segment(sql.substring(i, end), false));
            i = end;
        }
        if (code.length() > 0) {
            out.add(new Segment(code.toString(), true));
        }
        return new SqlText(out);
    }

    public List<Segment> segments() {
        return segments;
    }

    /** The code only, each literal or comment replaced by one space: for keyword checks. */
    public String codeOnly() {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            sb.append(s.code() ? s.text() : " ");
        }
        return sb.toString();
    }

    /** Applies {@code rewrite} to every code segment and keeps everything else as written. */
    public String rewriteCode(UnaryOperator<String> rewrite) {
        StringBuilder sb = new StringBuilder();
        for (Segment s : segments) {
            sb.append(s.code() ? rewrite.apply(s.text()) : s.text());
        }
        return sb.toString();
    }

    /** Returns the index just past a literal/identifier/comment starting at {@code i}, or {@code i} if none starts there. */
    private static int endOfQuoted(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '\'' || c == '"') {
            return endOfDoubledQuote(sql, i, c);
        }
        if (c == '-' && sql.startsWith("--", i)) {
            int nl = sql.indexOf('\n', i);
            return nl < 0 ? sql.length() : nl;
        }
        if (c == '/' && sql.startsWith("/*", i)) {
            int close = sql.indexOf("*/", i + 2);
            return close < 0 ? sql.length() : close + 2;
        }
        if (c == '$') {
            return endOfDollarQuote(sql, i);
        }
        return i;
    }

    private static int endOfDoubledQuote(String sql, int i, char quote) {
        boolean backslashEscapes = quote == '\'' && i > 0 && (sql.charAt(i - 1) == 'E' || sql.charAt(i - 1) == 'e');
        int j = i + 1;
        while (j < sql.length()) {
            char c = sql.charAt(j);
            if (backslashEscapes && c == '\\') {
                j += 2;
                continue;
            }
            if (c == quote) {
                if (j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j++;
        }
        return sql.length();
    }

    private static int endOfDollarQuote(String sql, int i) {
        if (i > 0 && Character.isLetterOrDigit(sql.charAt(i - 1))) {
            return i;
        }
        int j = i + 1;
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        if (j >= sql.length() || sql.charAt(j) != '$' || (j > i + 1 && Character.isDigit(sql.charAt(i + 1)))) {
            return i;
        }
        String tag = sql.substring(i, j + 1);
        int close = sql.indexOf(tag, j + 1);
        return close < 0 ? sql.length() : close + tag.length();
    }
}
