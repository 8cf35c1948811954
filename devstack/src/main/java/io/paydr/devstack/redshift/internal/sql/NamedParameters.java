package io.paydr.devstack.redshift.internal.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the Data API's named parameters ({@code :name}) into JDBC placeholders, outside quotes and
 * comments, leaving PostgreSQL casts ({@code ::type}) alone.
 *
 * @param jdbcSql the SQL with {@code ?} placeholders
 * @param names   the parameter name bound to each placeholder, in order (a name may repeat)
 */
public record NamedParameters(String jdbcSql, List<String> names) {

    private static final Pattern NAMED = Pattern.compile("(?<![:\\w]):([A-Za-z_][A-Za-z0-9_]*)");

    public static NamedParameters of(String sql) {
        List<String> names = new ArrayList<>();
        String rewritten = SqlText.of(sql).rewriteCode(code -> {
            Matcher m = NAMED.matcher(code);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                names.add(m.group(1));
                m.appendReplacement(sb, "?");
            }
            m.appendTail(sb);
            return sb.toString();
        });
        return new NamedParameters(rewritten, List.copyOf(names));
    }

    /** The values in placeholder order; fails naming the first parameter the SQL uses but the request lacks. */
    public List<String> bind(Map<String, String> values) {
        List<String> bound = bindUsed(values);
        for (String given : values.keySet()) {
            if (!names.contains(given)) {
                throw new IllegalArgumentException("Parameter '" + given + "' is not used in the SQL");
            }
        }
        return bound;
    }

    /**
     * The values this statement uses, in placeholder order, ignoring the others: one set of parameters serves every
     * statement of a BatchExecuteStatement, and each statement takes what it names.
     */
    public List<String> bindUsed(Map<String, String> values) {
        List<String> bound = new ArrayList<>(names.size());
        for (String name : names) {
            String v = values.get(name);
            if (v == null) {
                throw new IllegalArgumentException("The SQL uses parameter :" + name + " but the request has no parameter named '" + name + "'");
            }
            bound.add(v);
        }
        return bound;
    }
}
