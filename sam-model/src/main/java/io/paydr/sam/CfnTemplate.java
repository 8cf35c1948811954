package io.paydr.sam;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed SAM/CloudFormation template, not bound to parameter values: its sections, and a resource's properties
 * with SAM's Globals merged in. {@link CfnResolver} resolves what these hold.
 */
public final class CfnTemplate {

    public static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";

    private final Map<String, Object> document;

    private CfnTemplate(Map<String, Object> document) {
        this.document = document;
    }

    /** @throws CfnYaml.TemplateException when the text is not a template; {@code source} names it in the message */
    public static CfnTemplate parse(String yaml, String source) {
        return new CfnTemplate(CfnYaml.parse(yaml, source));
    }

    public static CfnTemplate read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + file, e);
        }
    }

    public Map<String, Object> parameters() {
        return section(document, "Parameters");
    }

    public Map<String, Object> conditions() {
        return section(document, "Conditions");
    }

    public Map<String, Object> resources() {
        return section(document, "Resources");
    }

    public Map<String, Object> rules() {
        return section(document, "Rules");
    }

    public Map<String, Object> outputs() {
        return section(document, "Outputs");
    }

    /** Each declared parameter's override, else its Default; a parameter with neither is left out. */
    public Map<String, String> parameterValues(Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        parameters().forEach((name, definition) -> {
            Object fallback = CfnYaml.asMap(definition, "parameter " + name).get("Default");
            String value = overrides.containsKey(name) ? overrides.get(name) : fallback == null ? null : fallback.toString();
            if (value != null) {
                values.put(name, value);
            }
        });
        return values;
    }

    public String type(String resourceId) {
        return String.valueOf(resource(resourceId).get("Type"));
    }

    /** The resource's Properties, unresolved; a SAM function's with Globals.Function merged in. */
    public Map<String, Object> properties(String resourceId) {
        Map<String, Object> own = CfnYaml.asMap(resource(resourceId).getOrDefault("Properties", Map.of()),
                resourceId + ".Properties");
        if (!SERVERLESS_FUNCTION.equals(type(resourceId))) {
            return own;
        }
        Object globals = section(document, "Globals").getOrDefault("Function", Map.of());
        return merge(CfnYaml.asMap(globals, "Globals.Function"), own);
    }

    /** A function's Environment.Variables (from resolved or unresolved properties), empty when it declares none. */
    public static Map<String, Object> environmentVariables(Map<String, Object> functionProperties, String functionId) {
        Object environment = functionProperties.get("Environment");
        Object variables = environment == null ? null : CfnYaml.asMap(environment, functionId + ".Environment").get("Variables");
        return variables == null ? Map.of() : CfnYaml.asMap(variables, functionId + ".Environment.Variables");
    }

    private Map<String, Object> resource(String id) {
        return CfnYaml.asMap(resources().get(id), "resource " + id);
    }

    private static Map<String, Object> section(Map<String, Object> parent, String name) {
        Object section = parent.get(name);
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
