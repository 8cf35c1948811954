package io.paydr.devstack.redshift.internal.copy;

import io.paydr.devstack.redshift.internal.StatementFailure;
import io.paydr.devstack.redshift.internal.sql.SqlText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the subset of Redshift COPY that devstack executes: from S3, {@code FORMAT [AS] JSON 'auto'},
 * with GZIP, MANIFEST, REGION, TIMEFORMAT/DATEFORMAT 'auto', ACCEPTINVCHARS and credentials. Anything
 * else fails with an error that names the unsupported part.
 */
public final class CopyParser {

    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(?<str>'(?:[^']|'')*')|(?<id>(?:\"(?:[^\"]|\"\")*\"|[A-Za-z_][A-Za-z0-9_$]*)(?:\\.(?:\"(?:[^\"]|\"\")*\"|[A-Za-z_][A-Za-z0-9_$]*))*)"
                    + "|(?<num>[0-9]+)|(?<sym>[(),;]))");
    private static final Set<String> OTHER_FORMATS = Set.of("CSV", "PARQUET", "AVRO", "ORC", "FIXEDWIDTH", "SHAPEFILE", "DELIMITER");
    private static final Set<String> OTHER_COMPRESSIONS = Set.of("BZIP2", "LZOP", "ZSTD");

    private static final String AUTO = "auto";
    private static final String IGNORECASE = "auto ignorecase";

    private final List<String> tokens;
    private int pos;

    private CopyParser(List<String> tokens) {
        this.tokens = tokens;
    }

    public static CopyCommand parse(String sql) throws StatementFailure {
        return new CopyParser(tokenize(withoutComments(sql))).command();
    }

    private CopyCommand command() throws StatementFailure {
        expect("COPY");
        String table = next("a table name");
        List<String> columns = new ArrayList<>();
        if (peekIs("(")) {
            pos++;
            do {
                columns.add(next("a column name"));
            } while (acceptSymbol(","));
            expect(")");
        }
        expect("FROM");
        String from = unquote(next("the S3 url"));
        if (!from.startsWith("s3://") || from.indexOf('/', 5) < 0) {
            throw new StatementFailure("COPY from '" + from + "' is not supported by devstack: only COPY FROM 's3://bucket/key' is");
        }
        return options(table, columns, from);
    }

    private CopyCommand options(String table, List<String> columns, String from) throws StatementFailure {
        boolean gzip = false;
        boolean manifest = false;
        String json = null;
        boolean credentials = false;
        String region = null;
        String invalidCharReplacement = null;
        while (pos < tokens.size() && !peekIs(";")) {
            String option = tokens.get(pos++).toUpperCase(Locale.ROOT);
            switch (option) {
                case "IAM_ROLE" -> {
                    next("an IAM role");
                    credentials = true;
                }
                case "CREDENTIALS", "ACCESS_KEY_ID", "SECRET_ACCESS_KEY", "SESSION_TOKEN" -> {
                    stringValue(option);
                    credentials = true;
                }
                case "FORMAT" -> {
                    acceptWord("AS");
                    json = jsonFormat(next("a format"));
                }
                case "JSON" -> json = jsonFormat(option);
                case "GZIP" -> gzip = true;
                case "MANIFEST" -> manifest = true;
                case "REGION" -> region = stringValue(option);
                case "TIMEFORMAT", "DATEFORMAT" -> requireAuto(option, stringValue(option));
                case "ACCEPTINVCHARS" -> invalidCharReplacement = replacementChar();
                case "STATUPDATE", "COMPUPDATE" -> acceptAny("ON", "OFF", "TRUE", "FALSE", "PRESET");
                case "MAXERROR" -> requireZeroMaxError();
                default -> throw unsupportedOption(option);
            }
        }
        if (json == null) {
            throw new StatementFailure("COPY without FORMAT JSON 'auto' is not supported by devstack (delimited text, CSV and columnar formats are not emulated)");
        }
        if (!credentials) {
            throw new StatementFailure("COPY needs credentials to read S3: IAM_ROLE 'arn', IAM_ROLE default or CREDENTIALS '...'");
        }
        int slash = from.indexOf('/', 5);
        return new CopyCommand(table, columns, from.substring(5, slash), from.substring(slash + 1), gzip, manifest, region,
                json.equals(IGNORECASE), invalidCharReplacement);
    }

    private StatementFailure unsupportedOption(String option) {
        if (OTHER_FORMATS.contains(option)) {
            return new StatementFailure("COPY format " + option + " is not supported by devstack; only FORMAT JSON 'auto' is");
        }
        if (OTHER_COMPRESSIONS.contains(option)) {
            return new StatementFailure("COPY compression " + option + " is not supported by devstack; only GZIP is");
        }
        return new StatementFailure("COPY option " + option + " is not supported by devstack");
    }

    /** After FORMAT [AS] comes the format word; for JSON, [AS] 'auto' or 'auto ignorecase', returned lower case. */
    private String jsonFormat(String format) throws StatementFailure {
        if (!format.equalsIgnoreCase("JSON")) {
            throw unsupportedOption(format.toUpperCase(Locale.ROOT));
        }
        acceptWord("AS");
        String spec = unquote(next("'auto'"));
        String normalized = spec.toLowerCase(Locale.ROOT);
        if (!normalized.equals(AUTO) && !normalized.equals(IGNORECASE)) {
            throw new StatementFailure("COPY JSON '" + spec + "' is not supported by devstack: only JSON 'auto' is (no JSONPaths files)");
        }
        return normalized;
    }

    private static void requireAuto(String option, String value) throws StatementFailure {
        if (!value.equalsIgnoreCase("auto")) {
            throw new StatementFailure("COPY " + option + " '" + value + "' is not supported by devstack; only 'auto' is");
        }
    }

    private void requireZeroMaxError() throws StatementFailure {
        acceptWord("AS");
        String n = next("a number");
        if (!n.equals("0")) {
            throw new StatementFailure("COPY MAXERROR " + n + " is not supported by devstack; any bad row fails the load");
        }
    }

    private String stringValue(String option) throws StatementFailure {
        acceptWord("AS");
        String v = next("a quoted value after " + option);
        if (!v.startsWith("'")) {
            throw new StatementFailure("COPY " + option + " needs a quoted value, found " + v);
        }
        return unquote(v);
    }

    /** ACCEPTINVCHARS [AS] ['c']: the single ASCII character that replaces invalid UTF-8, '?' by default. */
    private String replacementChar() throws StatementFailure {
        boolean as = acceptWord("AS");
        if (!as && (pos >= tokens.size() || !tokens.get(pos).startsWith("'"))) {
            return "?";
        }
        String c = unquote(next("a replacement character"));
        if (c.length() != 1 || c.charAt(0) > 0x7F) {
            throw new StatementFailure("COPY ACCEPTINVCHARS needs a single ASCII replacement character, not '" + c + "'");
        }
        return c;
    }

    private void acceptAny(String... words) {
        for (String w : words) {
            if (acceptWord(w)) {
                return;
            }
        }
    }

    private boolean acceptWord(String word) {
        if (pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean acceptSymbol(String symbol) {
        return acceptWord(symbol);
    }

    private boolean peekIs(String token) {
        return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(token);
    }

    private void expect(String token) throws StatementFailure {
        if (!acceptWord(token)) {
            throw new StatementFailure("COPY syntax: expected " + token + " but found "
                    + (pos < tokens.size() ? tokens.get(pos) : "the end of the statement"));
        }
    }

    private String next(String what) throws StatementFailure {
        if (pos >= tokens.size()) {
            throw new StatementFailure("COPY syntax: expected " + what + " but the statement ended");
        }
        return tokens.get(pos++);
    }

    private static String unquote(String token) {
        if (token.length() >= 2 && token.startsWith("'") && token.endsWith("'")) {
            return token.substring(1, token.length() - 1).replace("''", "'");
        }
        return token;
    }

    private static List<String> tokenize(String sql) throws StatementFailure {
        List<String> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(sql);
        int at = 0;
        while (at < sql.length()) {
            if (sql.substring(at).isBlank()) {
                break;
            }
            if (!m.find(at) || m.start() != at) {
                throw new StatementFailure("COPY syntax: cannot read the statement at '" + excerpt(sql, at) + "'");
            }
            out.add(m.group().strip());
            at = m.end();
        }
        return out;
    }

    private static String withoutComments(String sql) {
        StringBuilder sb = new StringBuilder();
        for (SqlText.Segment s : SqlText.of(sql).segments()) {
            boolean comment = !s.code() && (s.text().startsWith("--") || s.text().startsWith("/*"));
            sb.append(comment ? " " : s.text());
        }
        return sb.toString();
    }

    private static String excerpt(String sql, int at) {
        String rest = sql.substring(at).strip();
        return rest.length() > 30 ? rest.substring(0, 30) + "..." : rest;
    }
}
