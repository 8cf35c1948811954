package io.paydr.devstack.redshift.internal.sql;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates Redshift SQL into PostgreSQL: drops the physical-design clauses PostgreSQL does not have
 * (DISTSTYLE, DISTKEY, SORTKEY, ENCODE, BACKUP), maps GETDATE()/SYSDATE, and names the statements
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
    private static final Pattern GETDATE = Pattern.compile("(?i)\\bGETDATE\\s*\\(\\s*\\)");
    private static final Pattern SYSDATE = Pattern.compile("(?i)\\bSYSDATE\\b");
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

    /** The PostgreSQL text of a Redshift statement (not COPY, which {@code CopyCommand} handles). */
    public static String toPostgres(String sql) {
        return SqlText.of(sql).rewriteCode(code -> {
            String out = code;
            if (isDdl(sql)) {
                for (Pattern p : DROPPED) {
                    out = p.matcher(out).replaceAll("");
                }
            }
            out = GETDATE.matcher(out).replaceAll("LOCALTIMESTAMP");
            return SYSDATE.matcher(out).replaceAll("LOCALTIMESTAMP");
        });
    }

    private static boolean isDdl(String sql) {
        String w = leadingWords(sql);
        return w.startsWith("CREATE") || w.startsWith("ALTER");
    }
}
