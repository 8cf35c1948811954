package io.paydr.local.invoke;

import io.paydr.sam.SamConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code sam local invoke --config-env ENV} takes from {@code samconfig.toml} (read by {@link SamConfig}): the
 * {@code local_invoke} table of the environment over its {@code global} table ({@code parameter_overrides},
 * {@code env_vars}, {@code region}).
 */
record SamConfigFile(Map<String, String> parameterOverrides, Optional<String> envVars, Optional<String> region) {

    static final SamConfigFile NONE = new SamConfigFile(Map.of(), Optional.empty(), Optional.empty());

    /** @param required whether a missing file or environment is an error (the user named it) */
    static SamConfigFile read(Path file, String environment, boolean required) {
        if (!Files.isRegularFile(file)) {
            if (required) {
                throw InvokeException.usage("--config-env " + environment + ": " + file + " does not exist");
            }
            return NONE;
        }
        Optional<SamConfig.Table> table;
        try {
            table = SamConfig.read(file).forCommand(environment, "local_invoke");
        } catch (IOException e) {
            throw InvokeException.usage("cannot read " + file + ": " + e.getMessage());
        }
        if (table.isEmpty()) {
            if (required) {
                throw InvokeException.usage(file + " has no [" + environment + ".local_invoke.parameters] (--config-env)");
            }
            return NONE;
        }
        Map<String, String> settings = table.get().settings();
        return new SamConfigFile(table.get().parameterOverrides(), Optional.ofNullable(settings.get("env_vars")),
                Optional.ofNullable(settings.get("region")));
    }
}
