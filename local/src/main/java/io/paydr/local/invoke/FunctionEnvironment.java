package io.paydr.local.invoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paydr.sam.CfnResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A function's environment built the way {@code sam local invoke} builds it, then pointed at devstack: the
 * template's Environment.Variables (Globals merged), resolved where possible; an {@code --env-vars} file overrides
 * the variables the template declares (its "Parameters" object for every function, an object named after the
 * function for that one); devstack's endpoint, Region and credential variables go on top. Remembers where each
 * variable came from, and which template values stayed unresolved.
 */
public final class FunctionEnvironment {

    static final String FROM_TEMPLATE = "template";
    static final String FROM_ENV_VARS = "env-vars";
    static final String FROM_DEVSTACK = "devstack";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, String> unresolved = new TreeMap<>();

    private FunctionEnvironment() {
    }

    static FunctionEnvironment resolve(SamTemplate template, String functionId, CfnResolver resolver,
                                       Optional<Path> envVarsFile) {
        FunctionEnvironment env = new FunctionEnvironment();
        Map<String, Object> declared = template.environmentVariables(functionId);
        declared.forEach((name, node) -> {
            try {
                Object value = resolver.resolve(node);
                if (value != CfnResolver.NO_VALUE) {
                    env.put(name, resolver.string(value), FROM_TEMPLATE);
                }
            } catch (CfnResolver.Unresolvable e) {
                env.unresolved.put(name, e.getMessage());
            }
        });
        Map<String, String> overrides = envVarsFile.map(f -> overrides(f, functionId)).orElse(Map.of());
        overrides.forEach((name, value) -> {
            if (declared.containsKey(name)) { // sam local ignores variables the template does not declare
                env.put(name, value, FROM_ENV_VARS);
                env.unresolved.remove(name);
            }
        });
        return env;
    }

    /**
     * The environment template.yaml (the one built into this module) gives {@code functionId} for these parameter
     * values in {@code region}, every value resolved: the local pipeline configures its functions from the template,
     * as a deployment does, instead of repeating what the template sets.
     *
     * @throws IllegalStateException when a variable needs a deployed stack to resolve
     */
    public static Map<String, String> fromTemplate(String functionId, Map<String, String> parameters, String region) {
        SamTemplate template = SamTemplate.bundled();
        FunctionEnvironment env = resolve(template, functionId, template.values(parameters, region), Optional.empty());
        if (!env.unresolved().isEmpty()) {
            throw new IllegalStateException(functionId + "'s environment in template.yaml needs a deployed stack: "
                    + env.unresolved());
        }
        return env.values();
    }

    void put(String name, String value, String source) {
        values.put(name, value);
        sources.put(name, source);
    }

    void putAll(Map<String, String> variables, String source) {
        variables.forEach((name, value) -> put(name, value, source));
    }

    Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    Map<String, String> values() {
        return Collections.unmodifiableMap(values);
    }

    Map<String, String> sources() {
        return Collections.unmodifiableMap(sources);
    }

    /** Variable name to the expression that only a deployed stack resolves (not overridden by --env-vars). */
    Map<String, String> unresolved() {
        return Collections.unmodifiableMap(unresolved);
    }

    private static Map<String, String> overrides(Path file, String functionId) {
        if (!Files.isRegularFile(file)) {
            throw InvokeException.usage("env-vars file " + file + " does not exist (--env-vars)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw InvokeException.usage("env-vars file " + file + " is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw InvokeException.usage("env-vars file " + file + " is not a JSON object");
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        copy(root.get("Parameters"), overrides);
        copy(root.get(functionId), overrides);
        return overrides;
    }

    private static void copy(JsonNode object, Map<String, String> into) {
        if (object == null || !object.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            into.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString());
        }
    }
}
