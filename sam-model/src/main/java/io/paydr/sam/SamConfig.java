package io.paydr.sam;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code samconfig.toml}, read with a TOML parser: per environment and command ({@code [env.command.parameters]}),
 * its settings and its {@code parameter_overrides}, so that tests and local invoke deploy the template exactly as
 * the SAM CLI does. {@code parameter_overrides} is a list of {@code Name=value} or one string of space-separated
 * {@code Name=value} pairs; other array settings read as their items joined by spaces.
 */
public final class SamConfig {

    /** One {@code [env.command.parameters]} table. */
    public record Table(String environment, String command, Map<String, String> settings,
                        Map<String, String> parameterOverrides) {
        public Table {
            settings = Map.copyOf(settings);
            parameterOverrides = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameterOverrides));
        }
    }

    private static final TomlMapper TOML = new TomlMapper();

    private final List<Table> tables;

    private SamConfig(List<Table> tables) {
        this.tables = List.copyOf(tables);
    }

    /** Parses a samconfig.toml file. */
    public static SamConfig read(Path file) throws IOException {
        return parse(TOML.readTree(file.toFile()));
    }

    /** The repository's samconfig.toml (tests). */
    public static SamConfig repository() {
        Path file = RepoFiles.path("samconfig.toml");
        try {
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public List<Table> tables() {
        return tables;
    }

    /** The table for one environment and command, e.g. ("primary", "deploy"). */
    public Table table(String environment, String command) {
        return find(environment, command).orElseThrow(() -> new IllegalArgumentException(
                "samconfig.toml has no [" + environment + "." + command + ".parameters]"));
    }

    public Optional<Table> find(String environment, String command) {
        return tables.stream().filter(t -> t.environment().equals(environment) && t.command().equals(command))
                .findFirst();
    }

    /**
     * What the SAM CLI uses for a command: the command's table over the environment's {@code global} table; empty
     * when the environment has neither.
     */
    public Optional<Table> forCommand(String environment, String command) {
        Optional<Table> global = find(environment, "global");
        Optional<Table> own = find(environment, command);
        if (global.isEmpty() && own.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> overrides = new LinkedHashMap<>();
        for (Optional<Table> t : List.of(global, own)) {
            t.ifPresent(table -> settings.putAll(table.settings()));
        }
        // a command's parameter_overrides replace the global ones whole, as the SAM CLI merges settings by key
        (own.filter(t -> !t.parameterOverrides().isEmpty()).or(() -> global)).ifPresent(t -> overrides.putAll(
                t.parameterOverrides()));
        return Optional.of(new Table(environment, command, settings, overrides));
    }

    private static SamConfig parse(JsonNode root) {
        List<Table> tables = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> envs = root.fields(); envs.hasNext(); ) {
            Map.Entry<String, JsonNode> env = envs.next();
            if (!env.getValue().isObject()) {
                continue; // version = 0.1
            }
            for (Iterator<Map.Entry<String, JsonNode>> commands = env.getValue().fields(); commands.hasNext(); ) {
                Map.Entry<String, JsonNode> command = commands.next();
                JsonNode parameters = command.getValue().get("parameters");
                if (parameters != null && parameters.isObject()) {
                    tables.add(table(env.getKey(), command.getKey(), parameters));
                }
            }
        }
        return new SamConfig(tables);
    }

    private static Table table(String environment, String command, JsonNode parameters) {
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> overrides = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("parameter_overrides")) {
                for (String assignment : items(e.getValue(), true)) {
                    int eq = assignment.indexOf('=');
                    if (eq > 0) {
                        overrides.put(assignment.substring(0, eq), assignment.substring(eq + 1));
                    }
                }
            } else {
                settings.put(e.getKey(), String.join(" ", items(e.getValue(), false)));
            }
        }
        return new Table(environment, command, settings, overrides);
    }

    private static List<String> items(JsonNode value, boolean splitString) {
        List<String> items = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(v -> items.add(v.asText()));
        } else if (splitString) {
            for (String part : value.asText().strip().split("\\s+")) {
                if (!part.isEmpty()) {
                    items.add(part);
                }
            }
        } else {
            items.add(value.asText());
        }
        return items;
    }
}
