package io.paydr.ingest.template;

import io.paydr.sam.CfnResolver;
import io.paydr.sam.CfnTemplate;
import io.paydr.sam.CfnYaml;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * The resources one deploy of the template creates for given parameter values: conditions evaluated,
 * resources whose Condition is false left out, {@code Fn::If} and {@code AWS::NoValue} resolved, parameter
 * references replaced by their values, SAM Globals merged into functions. References to resources and
 * pseudo parameters stay symbolic ({"Ref": id}, {"Fn::GetAtt": [...]}, "${AWS::Region}").
 */
final class Deployment {

    /** One resource as deployed. */
    record Resource(String id, String type, Map<String, Object> properties) {
    }

    private final CfnTemplate template;
    private final Map<String, String> parameters;
    private final CfnResolver resolver;
    private final Map<String, Resource> resources = new LinkedHashMap<>();

    private Deployment(CfnTemplate template, Map<String, String> parameters) {
        this.template = template;
        this.parameters = Map.copyOf(parameters);
        this.resolver = CfnResolver.symbolic(template, parameters);
        template.resources().forEach((id, node) -> {
            Object condition = CfnYaml.asMap(node, "resource " + id).get("Condition");
            if (condition == null || resolver.condition(condition.toString())) {
                resources.put(id, new Resource(id, template.type(id),
                        CfnYaml.asMap(resolver.resolve(template.properties(id)), id + ".Properties")));
            }
        });
    }

    /**
     * Binds parameter values (the rest take their Default) and evaluates conditions: what a deploy creates.
     * Like CloudFormation, refuses a parameter without a value, an unknown one, or a value its constraints forbid.
     */
    static Deployment of(CfnTemplate template, Map<String, String> parameterValues) {
        Map<String, String> values = template.parameterValues(parameterValues);
        template.parameters().forEach((name, definition) -> {
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("parameter " + name + " has no Default and no value in " + parameterValues);
            }
            if (parameterValues.containsKey(name)) {
                ParameterConstraints.check(name, CfnYaml.asMap(definition, name), parameterValues.get(name));
            }
        });
        parameterValues.keySet().stream().filter(name -> !values.containsKey(name)).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("'" + name + "' is not a parameter of the template");
        });
        return new Deployment(template, values);
    }

    String parameter(String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw new NoSuchElementException("no parameter " + name);
        }
        return value;
    }

    /** The template's Rules assertions that these parameter values break (CloudFormation would refuse the deploy). */
    List<String> ruleViolations() {
        List<String> violations = new ArrayList<>();
        template.rules().forEach((name, node) -> {
            Map<String, Object> rule = CfnYaml.asMap(node, "rule " + name);
            if (rule.containsKey("RuleCondition") && !resolver.evaluate(rule.get("RuleCondition"))) {
                return;
            }
            for (Object item : CfnYaml.asList(rule.get("Assertions"), name + ".Assertions")) {
                Map<String, Object> assertion = CfnYaml.asMap(item, name + " assertion");
                if (!resolver.evaluate(assertion.get("Assert"))) {
                    violations.add(name + ": " + assertion.get("AssertDescription"));
                }
            }
        });
        return violations;
    }

    Map<String, Resource> resources() {
        return resources;
    }

    boolean has(String id) {
        return resources.containsKey(id);
    }

    Resource resource(String id) {
        Resource resource = resources.get(id);
        if (resource == null) {
            throw new NoSuchElementException("this deploy has no resource " + id + " (parameters " + parameters + ")");
        }
        return resource;
    }

    List<Resource> ofType(String type) {
        return resources.values().stream().filter(r -> r.type().equals(type)).toList();
    }

    /** Resolves an arbitrary template fragment (e.g. an Output value) against this deploy. */
    Object resolve(Object node) {
        return resolver.resolve(node);
    }
}
