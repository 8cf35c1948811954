package io.paydr.ingest.template;

import io.paydr.devstack.template.CfnYaml;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Object NO_VALUE = new Object();
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_:.]+)}");

    private final CfnTemplate template;
    private final Map<String, String> parameters;
    private final Map<String, Boolean> conditions = new HashMap<>();
    private final Map<String, Resource> resources = new LinkedHashMap<>();

    Deployment(CfnTemplate template, Map<String, String> parameters) {
        this.template = template;
        this.parameters = Map.copyOf(parameters);
        template.resources().forEach((id, node) -> {
            Map<String, Object> definition = CfnYaml.asMap(node, "resource " + id);
            Object condition = definition.get("Condition");
            if (condition == null || condition(condition.toString())) {
                resources.put(id, bind(id, definition));
            }
        });
    }

    String parameter(String name) {
        String value = parameters.get(name);
        if (value == null) {
            throw new NoSuchElementException("no parameter " + name);
        }
        return value;
    }

    boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known == null) {
            Object definition = template.conditions().get(name);
            if (definition == null) {
                throw new NoSuchElementException("no condition " + name);
            }
            known = evaluate(definition);
            conditions.put(name, known);
        }
        return known;
    }

    /** The template's Rules assertions that these parameter values break (CloudFormation would refuse the deploy). */
    List<String> ruleViolations() {
        List<String> violations = new ArrayList<>();
        template.rules().forEach((name, node) -> {
            Map<String, Object> rule = CfnYaml.asMap(node, "rule " + name);
            if (rule.containsKey("RuleCondition") && !evaluate(rule.get("RuleCondition"))) {
                return;
            }
            for (Object item : CfnYaml.asList(rule.get("Assertions"), name + ".Assertions")) {
                Map<String, Object> assertion = CfnYaml.asMap(item, name + " assertion");
                if (!evaluate(assertion.get("Assert"))) {
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
        if (node instanceof Map<?, ?> map) {
            return resolveMapping(CfnYaml.asMap(map, "node"));
        }
        if (node instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (Object item : list) {
                Object value = resolve(item);
                if (value != NO_VALUE) {
                    resolved.add(value);
                }
            }
            return resolved;
        }
        return node;
    }

    private Resource bind(String id, Map<String, Object> definition) {
        String type = String.valueOf(definition.get("Type"));
        Object declared = definition.getOrDefault("Properties", Map.of());
        Map<String, Object> properties = CfnYaml.asMap(resolve(declared), id + ".Properties");
        if (type.equals("AWS::Serverless::Function")) {
            properties = merge(CfnYaml.asMap(resolve(template.globals("Function")), "Globals.Function"), properties);
        }
        return new Resource(id, type, properties);
    }

    private Object resolveMapping(Map<String, Object> map) {
        if (map.size() == 1) {
            Map.Entry<String, Object> only = map.entrySet().iterator().next();
            switch (only.getKey()) {
                case "Fn::If" -> {
                    List<Object> branches = CfnYaml.asList(only.getValue(), "Fn::If");
                    return resolve(condition(branches.get(0).toString()) ? branches.get(1) : branches.get(2));
                }
                case "Ref" -> {
                    String name = only.getValue().toString();
                    if (name.equals("AWS::NoValue")) {
                        return NO_VALUE;
                    }
                    return parameters.containsKey(name) ? parameters.get(name) : map;
                }
                case "Fn::Sub" -> {
                    return only.getValue() instanceof String text ? substituteParameters(text) : map;
                }
                default -> {
                    // other intrinsics resolve their arguments below
                }
            }
        }
        Map<String, Object> resolved = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            Object v = resolve(value);
            if (v != NO_VALUE) {
                resolved.put(key, v);
            }
        });
        return resolved;
    }

    private String substituteParameters(String text) {
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = parameters.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        return m.appendTail(out).toString();
    }

    private boolean evaluate(Object condition) {
        Map<String, Object> map = CfnYaml.asMap(condition, "condition");
        Map.Entry<String, Object> only = map.entrySet().iterator().next();
        return switch (only.getKey()) {
            case "Fn::Equals" -> {
                List<Object> operands = CfnYaml.asList(only.getValue(), "Fn::Equals");
                yield String.valueOf(resolve(operands.get(0))).equals(String.valueOf(resolve(operands.get(1))));
            }
            case "Fn::Not" -> !evaluate(CfnYaml.asList(only.getValue(), "Fn::Not").get(0));
            case "Fn::And" -> CfnYaml.asList(only.getValue(), "Fn::And").stream().allMatch(this::evaluate);
            case "Fn::Or" -> CfnYaml.asList(only.getValue(), "Fn::Or").stream().anyMatch(this::evaluate);
            case "Condition" -> condition(only.getValue().toString());
            default -> throw new IllegalArgumentException("unsupported condition function " + only.getKey());
        };
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
