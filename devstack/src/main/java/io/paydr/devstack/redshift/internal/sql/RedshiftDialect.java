package io.paydr.devstack.redshift.internal.sql;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates Redshift SQL into PostgreSQL: drops the physical-design clauses PostgreSQL does not have
 * (DISTSTYLE, DISTKEY, SORTKEY, ENCODE, BACKUP), maps IDENTITY(seed, step), VARCHAR(MAX) and
 * GETDATE()/SYSDATE, and names the statements
 * devstack does not emulate, so they fail with a clear Error instead of a confusing PostgreSQL one.
 */
public final class RedshiftDialect {

    private static final List<Pattern> DROPPED = List.of(
            Pattern.compile("(?i)\\bDISTSTYLE\\s+(ALL|EVEN|KEY|AUTO)\\b"),
            Pattern.compile("(?i)\\b(COMPOUND\\s+|INTERLEAVED\\s+)?SORTKEY\\s*\\([^)]*\\)"),
            Pattern.compile("(?i)\\bSORTKEY\\s+AUTO\\b"),
            Pattern.compile("(?i)\\bDISTKEY\\s*\\([^)]*\\)"),
            Pattern.compile("(?i)\\bENCODE\\s+[A-Za-z0-9_]+"),
            Pattern.compile("(?i)\\bBACKUP\\s+(YES|NO)\\b"),
            // column attributes: "id BIGINT DISTKEY SORTKEY"
            Pattern.compile("(?i)\\b(DISTKEY|SORTKEY)\\b"));
    private static final Pattern IDENTITY = Pattern.compile("(?i)\\bIDENTITY\\s*\\(\\s*(-?\\d+)\\s*,\\s*(-?\\d+)\\s*\\)");
    private static final Pattern VARCHAR_MAX = Pattern.compile("(?i)\\b(VARCHAR|CHARACTER\\s+VARYING)\\s*\\(\\s*MAX\\s*\\)");
    private static final Pattern GETDATE = Pattern.compile("(?i)\\bGETDATE\\s*\\(\\s*\\)");
    private static final Pattern SYSDATE = Pattern.compile("(?i)\\bSYSDATE\\b");
    /**
     * Redshift's LISTAGG(expression) [WITHIN GROUP (ORDER BY ...)], without a delimiter and with expressions free of
     * parentheses (a delimiter is a literal, which the code-only rewrite cannot see across): PostgreSQL's string_agg,
     * capped like Redshift's VARCHAR(MAX) result by public.paydr_listagg_limit.
     */
    private static final Pattern MENTIONS_LISTAGG = Pattern.compile("(?i)LISTAGG");
    private static final Pattern LISTAGG = Pattern.compile(
            "(?i)\\bLISTAGG\\s*\\(\\s*([^(),]+?)\\s*\\)(?:\\s*WITHIN\\s+GROUP\\s*\\(\\s*ORDER\\s+BY\\s+([^()]+?)\\s*\\))?");
    private static final Pattern CREATE_TABLE = Pattern.compile("(?is)^\\s*CREATE\\s+(?:(?:LOCAL\\s+)?(?:TEMP|TEMPORARY)\\s+)?"
            + "TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([A-Za-z_][\\w$]*(?:\\.[A-Za-z_][\\w$]*)?)\\s*\\(");
    private static final Pattern TABLE_DISTKEY = Pattern.compile("(?i)\\bDISTKEY\\s*\\(\\s*([A-Za-z_][\\w$]*)\\s*\\)");
    private static final Pattern MENTIONS_DISTKEY = Pattern.compile("(?i)DISTKEY");
    private static final Pattern FIRST_WORDS = Pattern.compile("^\\s*([A-Za-z_]+)(?:\\s+([A-Za-z_]+))?(?:\\s+([A-Za-z_]+))?");
    private static final List<String> UNSUPPORTED_PREFIXES = List.of(
            "UNLOAD", "CREATE EXTERNAL", "ALTER EXTERNAL", "DROP EXTERNAL", "CREATE LIBRARY", "CREATE MODEL",
            "CREATE DATASHARE", "ALTER DATASHARE", "CREATE DATABASE", "DROP DATABASE", "CREATE USER", "ALTER USER",
            "CREATE MATERIALIZED VIEW", "REFRESH MATERIALIZED VIEW", "ANALYZE COMPRESSION");
    /** Physical-design maintenance that has no meaning on PostgreSQL: succeeds without doing anything. */
    private static final Pattern NO_OP = Pattern.compile(
            "(?is)^\\s*(VACUUM\\b.*|ALTER\\s+TABLE\\s+\\S+\\s+ALTER\\s+(DISTKEY|DISTSTYLE|SORTKEY|COMPOUND\\s+SORTKEY|ENCODE)\\b.*)$");

    private RedshiftDialect() {
    }

    /** The first words of the statement, upper case, comments and literals removed. */
    public static String leadingWords(String sql) {
        Matcher m = FIRST_WORDS.matcher(SqlText.of(sql).codeOnly());
        if (!m.find()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(m.group(1));
        for (int g = 2; g <= 3; g++) {
            if (m.group(g) != null) {
                sb.append(' ').append(m.group(g));
            }
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    public static boolean isCopy(String sql) {
        return leadingWords(sql).startsWith("COPY");
    }

    private static final Pattern WRITE_TARGET = Pattern.compile(
            "(?is)^\\s*(?:COPY|INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+((?:\"[^\"]+\"|[A-Za-z_][\\w$]*)"
                    + "(?:\\.(?:\"[^\"]+\"|[A-Za-z_][\\w$]*))?)");

    /** The table a COPY, INSERT, UPDATE or DELETE writes, as written in the statement. */
    public static Optional<String> writeTarget(String sql) {
        Matcher m = WRITE_TARGET.matcher(SqlText.of(sql).codeOnly());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** True when the text holds more than one statement (code after a top-level semicolon). */
    public static boolean hasSeveralStatements(String sql) {
        String code = SqlText.of(sql).codeOnly();
        int semicolon = code.indexOf(';');
        return semicolon >= 0 && !code.substring(semicolon + 1).replace(";", "").isBlank();
    }

    /** VACUUM and ALTER TABLE ... ALTER DISTKEY/DISTSTYLE/SORTKEY/ENCODE: accepted, nothing to do here. */
    public static boolean isNoOp(String sql) {
        return NO_OP.matcher(SqlText.of(sql).codeOnly()).matches();
    }

    /** Why devstack refuses this statement, if it does. */
    public static Optional<String> unsupported(String sql) {
        String words = leadingWords(sql) + " ";
        for (String prefix : UNSUPPORTED_PREFIXES) {
            if (words.startsWith(prefix + " ")) {
                return Optional.of(prefix + " is not supported by devstack's Redshift Data API emulation");
            }
        }
        return Optional.empty();
    }

    /**
     * The PostgreSQL index that stands in for the DISTKEY of a {@code CREATE TABLE}, if it names one
     * ({@code DISTKEY(column)}). On Redshift the distribution key makes an equality join on that column (the
     * insert-if-absent anti-join of a load) co-located and cheap; PostgreSQL would hash-scan the whole table on
     * every load instead, so the emulator builds a hash index: equality only, like distribution, and no key-size
     * limit, so it never rejects a row Redshift would accept.
     */
    public static Optional<String> distKeyIndex(String sql) {
        if (!MENTIONS_DISTKEY.matcher(sql).find()) {
            return Optional.empty(); // spares a large INSERT the full parse below
        }
        String code = SqlText.of(sql).codeOnly();
        Matcher table = CREATE_TABLE.matcher(code);
        if (!table.find()) {
            return Optional.empty();
        }
        Matcher key = TABLE_DISTKEY.matcher(code);
        if (!key.find(table.end())) {
            return Optional.empty();
        }
        return Optional.of("CREATE INDEX ON " + table.group(1) + " USING hash (" + key.group(1) + ")");
    }

    /** The PostgreSQL text of a Redshift statement (not COPY, which {@code CopyCommand} handles). */
    public static String toPostgres(String sql) {
        // decided once per statement: a multi-row INSERT has thousands of code segments between its literals
        boolean ddl = isDdl(sql);
        boolean listagg = MENTIONS_LISTAGG.matcher(sql).find();
        return SqlText.of(sql).rewriteCode(code -> {
            String out = code;
            if (ddl) {
                for (Pattern p : DROPPED) {
                    out = p.matcher(out).replaceAll("");
                }
                out = IDENTITY.matcher(out).replaceAll("GENERATED BY DEFAULT AS IDENTITY (START WITH $1 INCREMENT BY $2)");
            }
            out = VARCHAR_MAX.matcher(out).replaceAll("$1(65535)");
            out = GETDATE.matcher(out).replaceAll("LOCALTIMESTAMP");
            if (listagg) {
                out = LISTAGG.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
                        "public.paydr_listagg_limit(string_agg((" + m.group(1) + ")::text, ''"
                                + (m.group(2) == null ? "" : " ORDER BY " + m.group(2)) + "))"));
            }
            return SYSDATE.matcher(out).replaceAll("LOCALTIMESTAMP");
        });
    }

    private static boolean isDdl(String sql) {
        String w = leadingWords(sql);
        return w.startsWith("CREATE") || w.startsWith("ALTER");
    }
}
