package io.paydr.ingest.template;

import io.paydr.devstack.template.CfnYaml;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A parsed SAM/CloudFormation template, not yet bound to parameter values. */
final class CfnTemplate {

    private final Map<String, Object> document;

    private CfnTemplate(Map<String, Object> document) {
        this.document = document;
    }

    /** The repository's {@code template.yaml}. */
    static CfnTemplate load() {
        Path file = RepoFiles.path("template.yaml");
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static CfnTemplate parse(String yaml) {
        return new CfnTemplate(CfnYaml.parse(yaml, "template.yaml"));
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

    Map<String, Object> rules() {
        return section("Rules");
    }

    Map<String, Object> outputs() {
        return section("Outputs");
    }

    /** SAM Globals for one resource kind ({@code Function}), empty when absent. */
    Map<String, Object> globals(String kind) {
        Map<String, Object> globals = section("Globals");
        return globals.containsKey(kind) ? CfnYaml.asMap(globals.get(kind), "Globals." + kind) : Map.of();
    }

    /** Binds parameter values (the rest take their Default) and evaluates conditions: what a deploy creates. */
    Deployment deploy(Map<String, String> parameterValues) {
        Map<String, String> values = new LinkedHashMap<>();
        parameters().forEach((name, definition) -> {
            String explicit = parameterValues.get(name);
            Object fallback = CfnYaml.asMap(definition, "parameter " + name).get("Default");
            Object value = explicit != null ? explicit : fallback;
            if (value == null) {
                throw new IllegalArgumentException("parameter " + name + " has no Default and no value in " + parameterValues);
            }
            values.put(name, String.valueOf(value));
            if (explicit != null) {
                ParameterConstraints.check(name, CfnYaml.asMap(definition, name), explicit);
            }
        });
        parameterValues.keySet().stream().filter(name -> !values.containsKey(name)).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("'" + name + "' is not a parameter of the template");
        });
        return new Deployment(this, values);
    }

    private Map<String, Object> section(String name) {
        Object section = document.get(name);
        return section == null ? Map.of() : CfnYaml.asMap(section, name);
    }
}
