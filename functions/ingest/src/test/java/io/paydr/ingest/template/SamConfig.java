package io.paydr.ingest.template;

import io.paydr.sam.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environments of {@code samconfig.toml}: per environment and command, its scalar settings and its
 * {@code parameter_overrides} list. A reader for the subset of TOML that file uses (tables, strings,
 * booleans, arrays of strings), so the tests deploy the template exactly as users do.
 */
final class SamConfig {

    /** One {@code [env.command.parameters]} table. */
    record Table(String environment, String command, Map<String, String> settings, Map<String, String> parameterOverrides) {
    }

    private static final Pattern HEADER = Pattern.compile("^\\[([A-Za-z0-9_-]+)\\.([a-z_]+)\\.parameters]$");
    private static final Pattern SETTING = Pattern.compile("^([a-z0-9_]+)\\s*=\\s*(.+)$");
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    private SamConfig() {
    }

    static List<Table> load() {
        Path file = RepoFiles.path("samconfig.toml");
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The table for one environment and command, e.g. ("primary", "deploy"). */
    static Table table(String environment, String command) {
        return load().stream()
                .filter(t -> t.environment().equals(environment) && t.command().equals(command))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("samconfig.toml has no [" + environment + "." + command + ".parameters]"));
    }

    static List<Table> parse(List<String> lines) {
        List<Table> tables = new java.util.ArrayList<>();
        Table current = null;
        StringBuilder array = null;
        String arrayKey = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (array != null) {
                if (!line.startsWith("#")) {
                    array.append(line).append('\n');
                }
                if (line.startsWith("]")) {
                    store(current, arrayKey, array.toString());
                    array = null;
                }
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                current = new Table(header.group(1), header.group(2), new LinkedHashMap<>(), new LinkedHashMap<>());
                tables.add(current);
                continue;
            }
            Matcher setting = SETTING.matcher(line);
            if (current != null && setting.matches()) {
                if (setting.group(2).startsWith("[") && !setting.group(2).endsWith("]")) {
                    array = new StringBuilder(setting.group(2)).append('\n');
                    arrayKey = setting.group(1);
                } else {
                    store(current, setting.group(1), setting.group(2));
                }
            }
        }
        return tables;
    }

    private static void store(Table table, String key, String value) {
        if (key.equals("parameter_overrides")) {
            Matcher item = QUOTED.matcher(value);
            while (item.find()) {
                String assignment = item.group(1).replace("\\\"", "\"");
                int eq = assignment.indexOf('=');
                table.parameterOverrides().put(assignment.substring(0, eq), assignment.substring(eq + 1));
            }
        } else {
            Matcher quoted = QUOTED.matcher(value);
            table.settings().put(key, value.startsWith("\"") && quoted.lookingAt() ? quoted.group(1) : value.strip());
        }
    }
}
