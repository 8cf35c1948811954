package io.paydr.local.invoke;

import io.paydr.devstack.template.CfnYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A SAM template as {@code sam local invoke} reads it: its parameters, conditions and functions. */
final class SamTemplate {

    static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    /** Lambda's default when a function declares no Timeout. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private final Path file;
    private final Map<String, Object> document;

    private SamTemplate(Path file, Map<String, Object> document) {
        this.file = file;
        this.document = document;
    }

    static SamTemplate load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw InvokeException.usage("template " + file + " does not exist (--template)");
        }
        try {
            return new SamTemplate(file, CfnYaml.parse(Files.readString(file), file.toString()));
        } catch (IOException e) {
            throw InvokeException.usage("cannot read template " + file + ": " + e.getMessage());
        }
    }

    Path file() {
        return file;
    }

    Map<String, Object> parameters() {
        return section("Parameters");
    }

    Map<String, Object> conditions() {
        return section("Conditions");
    }

    Map<String, Object> resources() {
        return section("Resources");
    }

    /** Logical ids of the template's functions, in template order. */
    List<String> functionIds() {
        return resources().entrySet().stream()
                .filter(e -> FUNCTION_TYPE.equals(CfnYaml.asMap(e.getValue(), e.getKey()).get("Type")))
                .map(Map.Entry::getKey).toList();
    }

    /** The function's properties with SAM's Globals.Function merged in, still unresolved. */
    Map<String, Object> functionProperties(String id) {
        Object resource = resources().get(id);
        if (resource == null || !FUNCTION_TYPE.equals(CfnYaml.asMap(resource, id).get("Type"))) {
            throw InvokeException.usage("unknown function '" + id + "': " + file + " defines " + functionIds());
        }
        Object own = CfnYaml.asMap(resource, id).getOrDefault("Properties", Map.of());
        Map<String, Object> globals = section("Globals");
        Object global = globals.getOrDefault("Function", Map.of());
        return merge(CfnYaml.asMap(global, "Globals.Function"), CfnYaml.asMap(own, id + ".Properties"));
    }

    /** The event source types of a function ({@code SQS}, {@code Schedule}, ...). */
    Set<String> eventTypes(String id) {
        Set<String> types = new LinkedHashSet<>();
        Object events = functionProperties(id).get("Events");
        if (events != null) {
            CfnYaml.asMap(events, id + ".Events").values()
                    .forEach(e -> types.add(String.valueOf(CfnYaml.asMap(e, id + " event").get("Type"))));
        }
        return types;
    }

    Duration timeout(String id, TemplateValues values) {
        Object timeout = functionProperties(id).get("Timeout");
        return timeout == null ? DEFAULT_TIMEOUT : Duration.ofSeconds(Long.parseLong(values.string(timeout)));
    }

    private Map<String, Object> section(String name) {
        Object section = document.get(name);
        return section == null ? Map.of() : CfnYaml.asMap(section, name);
    }

    /** SAM's Globals rule: maps merge key by key, anything else declared on the function wins. */
    private static Map<String, Object> merge(Map<String, Object> global, Map<String, Object> local) {
        Map<String, Object> merged = new LinkedHashMap<>(global);
        local.forEach((key, value) -> {
            Object inherited = merged.get(key);
            merged.put(key, inherited instanceof Map<?, ?> g && value instanceof Map<?, ?> l
                    ? merge(CfnYaml.asMap(g, key), CfnYaml.asMap(l, key))
                    : value);
        });
        return merged;
    }
}
