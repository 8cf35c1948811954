package io.paydr.local.invoke;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code sam local invoke --config-env ENV} takes from {@code samconfig.toml}: the {@code local_invoke} table of
 * the environment over its {@code global} table ({@code parameter_overrides}, {@code env_vars}, {@code region}).
 * Reads the subset of TOML samconfig files use: tables, string values and arrays of strings.
 */
record SamConfigFile(Map<String, String> parameterOverrides, Optional<String> envVars, Optional<String> region) {

    static final SamConfigFile NONE = new SamConfigFile(Map.of(), Optional.empty(), Optional.empty());

    private static final Pattern HEADER = Pattern.compile("^\\[([A-Za-z0-9_-]+)\\.([a-z_]+)\\.parameters]\\s*(#.*)?$");
    private static final Pattern SETTING = Pattern.compile("^([a-z0-9_]+)\\s*=\\s*(.*)$");
    private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** @param required whether a missing file or environment is an error (the user named it) */
    static SamConfigFile read(Path file, String environment, boolean required) {
        if (!Files.isRegularFile(file)) {
            if (required) {
                throw InvokeException.usage("--config-env " + environment + ": " + file + " does not exist");
            }
            return NONE;
        }
        Map<String, Map<String, Object>> tables;
        try {
            tables = tables(Files.readAllLines(file));
        } catch (IOException e) {
            throw InvokeException.usage("cannot read " + file + ": " + e.getMessage());
        }
        Map<String, Object> settings = new LinkedHashMap<>(tables.getOrDefault(environment + ".global", Map.of()));
        settings.putAll(tables.getOrDefault(environment + ".local_invoke", Map.of()));
        if (settings.isEmpty()) {
            if (required) {
                throw InvokeException.usage(file + " has no [" + environment + ".local_invoke.parameters] (--config-env)");
            }
            return NONE;
        }
        return new SamConfigFile(overrides(settings.get("parameter_overrides")),
                Optional.ofNullable((String) settings.get("env_vars")), Optional.ofNullable((String) settings.get("region")));
    }

    /** "[env.command.parameters]" tables keyed "env.command"; values are String or List of String. */
    private static Map<String, Map<String, Object>> tables(List<String> lines) {
        Map<String, Map<String, Object>> tables = new LinkedHashMap<>();
        Map<String, Object> current = null;
        String arrayKey = null;
        List<String> array = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (array != null) {
                if (!line.startsWith("#")) {
                    strings(line, array);
                }
                if (line.startsWith("]")) {
                    current.put(arrayKey, List.copyOf(array));
                    array = null;
                }
                continue;
            }
            Matcher header = HEADER.matcher(line);
            Matcher setting = SETTING.matcher(line);
            if (header.matches()) {
                current = tables.computeIfAbsent(header.group(1) + "." + header.group(2), k -> new LinkedHashMap<>());
            } else if (current != null && setting.matches()) {
                String value = setting.group(2).strip();
                if (value.startsWith("[")) {
                    List<String> items = new ArrayList<>();
                    strings(value, items);
                    if (value.contains("]")) {
                        current.put(setting.group(1), List.copyOf(items));
                    } else {
                        arrayKey = setting.group(1);
                        array = items;
                    }
                } else {
                    Matcher quoted = QUOTED.matcher(value);
                    current.put(setting.group(1), quoted.lookingAt() ? unescape(quoted.group(1)) : value);
                }
            }
        }
        return tables;
    }

    private static void strings(String line, List<String> into) {
        Matcher item = QUOTED.matcher(line);
        while (item.find()) {
            into.add(unescape(item.group(1)));
        }
    }

    private static String unescape(String text) {
        return text.replace("\\\"", "\"").replace("\\\\", "\\");
    }

    /** Either a list of "Name=value" or one string of space-separated "Name=value" pairs. */
    private static Map<String, String> overrides(Object value) {
        List<String> assignments = value == null ? List.of()
                : value instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : List.of(value.toString().strip().split("\\s+"));
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq > 0) {
                overrides.put(assignment.substring(0, eq), assignment.substring(eq + 1));
            }
        }
        return overrides;
    }
}
