package io.paydr.local.invoke;

import io.paydr.devstack.template.CfnYaml;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves template fragments for one set of parameter values, as far as a machine without a deployed stack can:
 * parameter and pseudo-parameter references, references to buckets with a literal name, {@code Fn::If} on
 * conditions over parameters, {@code Fn::Sub}, {@code Fn::Join}, {@code AWS::NoValue}. Anything that needs a deployed
 * resource (a queue URL, {@code Fn::GetAtt}) raises {@link Unresolvable} naming the expression.
 */
final class TemplateValues {

    /** Marks a property removed by {@code !Ref AWS::NoValue}. */
    static final Object NO_VALUE = new Object();

    /** The account every devstack ARN uses. */
    static final String DEVSTACK_ACCOUNT = "000000000000";

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_:.]+)}");

    /** A value only a deployed stack knows. */
    static final class Unresolvable extends RuntimeException {
        Unresolvable(String expression) {
            super(expression, null, false, false);
        }
    }

    private final SamTemplate template;
    private final Map<String, String> parameters;
    private final String region;
    private final Map<String, Boolean> conditions = new HashMap<>();

    TemplateValues(SamTemplate template, Map<String, String> overrides, String region) {
        this.template = template;
        this.region = region;
        this.parameters = new LinkedHashMap<>();
        template.parameters().forEach((name, definition) -> {
            Object fallback = CfnYaml.asMap(definition, "parameter " + name).get("Default");
            String value = overrides.containsKey(name) ? overrides.get(name) : fallback == null ? null : fallback.toString();
            if (value != null) {
                parameters.put(name, value);
            }
        });
    }

    /** A resolved scalar as Lambda would see it in an environment variable. */
    String string(Object node) {
        Object value = resolve(node);
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new Unresolvable("a non-scalar value " + value);
        }
        return String.valueOf(value);
    }

    Object resolve(Object node) {
        if (node instanceof Map<?, ?> map) {
            return resolveMapping(CfnYaml.asMap(map, "template node"));
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

    boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known == null) {
            Object definition = template.conditions().get(name);
            if (definition == null) {
                throw InvokeException.usage("the template has no condition " + name);
            }
            known = evaluate(definition);
            conditions.put(name, known);
        }
        return known;
    }

    private Object resolveMapping(Map<String, Object> map) {
        if (map.size() == 1) {
            Map.Entry<String, Object> only = map.entrySet().iterator().next();
            Object argument = only.getValue();
            switch (only.getKey()) {
                case "Ref":
                    return ref(argument.toString());
                case "Fn::If": {
                    List<Object> branches = CfnYaml.asList(argument, "Fn::If");
                    return resolve(condition(branches.get(0).toString()) ? branches.get(1) : branches.get(2));
                }
                case "Fn::Sub":
                    return sub(argument);
                case "Fn::Join": {
                    List<Object> join = CfnYaml.asList(argument, "Fn::Join");
                    List<String> parts = CfnYaml.asList(resolve(join.get(1)), "Fn::Join list").stream()
                            .map(String::valueOf).toList();
                    return String.join(join.get(0).toString(), parts);
                }
                case "Fn::GetAtt":
                    throw new Unresolvable("!GetAtt " + String.join(".", CfnYaml.asList(argument, "Fn::GetAtt")
                            .stream().map(String::valueOf).toList()));
                default:
                    if (only.getKey().startsWith("Fn::")) {
                        throw new Unresolvable("!" + only.getKey().substring(4) + " " + argument);
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

    private Object ref(String name) {
        switch (name) {
            case "AWS::NoValue":
                return NO_VALUE;
            case "AWS::Region":
                return region;
            case "AWS::AccountId":
                return DEVSTACK_ACCOUNT;
            case "AWS::Partition":
                return "aws";
            default:
                break;
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        if (template.parameters().containsKey(name)) {
            throw new Unresolvable("!Ref " + name + " (a parameter without Default or override)");
        }
        // A bucket's Ref is its name: known without deploying when the template names the bucket.
        Object resource = template.resources().get(name);
        if (resource != null) {
            Map<String, Object> definition = CfnYaml.asMap(resource, "resource " + name);
            Object properties = definition.get("Properties");
            if ("AWS::S3::Bucket".equals(definition.get("Type")) && properties instanceof Map<?, ?> p
                    && p.get("BucketName") != null) {
                return string(p.get("BucketName"));
            }
        }
        throw new Unresolvable("!Ref " + name);
    }

    private String sub(Object argument) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> list) {
            text = list.get(0).toString();
            variables = CfnYaml.asMap(list.get(1), "Fn::Sub variables");
        } else {
            text = argument.toString();
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value;
            if (variables.containsKey(name)) {
                value = string(variables.get(name));
            } else if (name.contains(".")) {
                throw new Unresolvable("!Sub ${" + name + "}");
            } else {
                value = String.valueOf(ref(name));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private boolean evaluate(Object condition) {
        Map.Entry<String, Object> only = CfnYaml.asMap(condition, "condition").entrySet().iterator().next();
        return switch (only.getKey()) {
            case "Fn::Equals" -> {
                List<Object> operands = CfnYaml.asList(only.getValue(), "Fn::Equals");
                yield string(operands.get(0)).equals(string(operands.get(1)));
            }
            case "Fn::Not" -> !evaluate(CfnYaml.asList(only.getValue(), "Fn::Not").get(0));
            case "Fn::And" -> CfnYaml.asList(only.getValue(), "Fn::And").stream().allMatch(this::evaluate);
            case "Fn::Or" -> CfnYaml.asList(only.getValue(), "Fn::Or").stream().anyMatch(this::evaluate);
            case "Condition" -> condition(only.getValue().toString());
            default -> throw new Unresolvable("condition function " + only.getKey());
        };
    }
}
