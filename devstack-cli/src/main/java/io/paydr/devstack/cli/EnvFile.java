package io.paydr.devstack.cli;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code KEY='value'} file {@code devstack up} writes: the primary Region's standard SDK variables, then every
 * per-Region endpoint and JDBC URL with a Region suffix, then the control URL.
 *
 * <p>Meant to be sourced ({@code set -a; . FILE; set +a}) by any POSIX shell, so every value is single-quoted: the
 * JDBC URLs hold {@code &} and {@code ?}, which an unquoted assignment hands to the shell (the {@code &} sends the
 * assignment to the background and the variable is lost). Inside single quotes nothing is special; a quote itself is
 * written as {@code '\''}. {@link #parse} reads exactly that form back, for the fault commands and the tests.
 */
final class EnvFile {

    static final String CONTROL_URL = "DEVSTACK_CONTROL_URL";
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private EnvFile() {
    }

    static Map<String, String> entries(Devstack ds, URI controlUrl) {
        Map<String, String> env = new LinkedHashMap<>(ds.environment(DevRegion.PRIMARY));
        for (DevRegion r : DevRegion.values()) {
            String suffix = "_" + r.id().toUpperCase(Locale.ROOT).replace('-', '_');
            env.put("AWS_ENDPOINT_URL_SQS" + suffix, ds.sqsEndpoint(r).toString());
            env.put("AWS_ENDPOINT_URL_REDSHIFT_DATA" + suffix, ds.redshiftDataEndpoint(r).toString());
            env.put("DEVSTACK_JDBC_URL" + suffix, ds.jdbcUrl(r));
        }
        env.put(CONTROL_URL, controlUrl.toString());
        return env;
    }

    static void write(Path file, Map<String, String> entries) throws IOException {
        StringBuilder text = new StringBuilder("# written by 'devstack up' at " + Instant.now()
                + "; load with: set -a; . " + file + "; set +a\n");
        entries.forEach((k, v) -> text.append(assignment(k, v)).append('\n'));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text);
    }

    /** {@code KEY='value'}, a quote in the value written as {@code '\''}; names and line breaks are checked. */
    static String assignment(String key, String value) {
        if (!NAME.matcher(key).matches()) {
            throw new IllegalArgumentException("not a shell variable name: '" + key + "'");
        }
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            // one line per variable keeps the file readable by line-oriented tools (events/generate.py env-for)
            throw new IllegalArgumentException(key + " holds a line break; the env file has one variable per line");
        }
        return key + "='" + value.replace("'", "'\\''") + "'";
    }

    /** The variables of an env file in the form {@link #write} produces (comments and blank lines skipped). */
    static Map<String, String> parse(List<String> lines) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("not a KEY='value' line: " + line);
            }
            env.put(line.substring(0, eq), unquote(line.substring(eq + 1), line));
        }
        return env;
    }

    static Optional<String> read(Path file, String key) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.ofNullable(parse(Files.readAllLines(file)).get(key));
    }

    /** Concatenated single-quoted parts and {@code \'}, as sh reads them; bare text is taken as it is. */
    private static String unquote(String raw, String line) {
        StringBuilder value = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '\'') {
                int end = raw.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated quote in: " + line);
                }
                value.append(raw, i + 1, end);
                i = end + 1;
            } else if (c == '\\' && i + 1 < raw.length()) {
                value.append(raw.charAt(i + 1));
                i += 2;
            } else {
                value.append(c);
                i++;
            }
        }
        return value.toString();
    }
}
