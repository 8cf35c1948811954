package io.paydr.sam;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves template fragments for one set of parameter (and pseudo-parameter) values: conditions, {@code Fn::If},
 * {@code Ref} to a value or {@code AWS::NoValue}, {@code Fn::Sub}, {@code Fn::Join}. What only a deployed stack
 * knows (a resource's Ref, {@code Fn::GetAtt}, an unset pseudo parameter) is kept as written by a
 * {@link #symbolic} resolver, the template as a deploy would see it, and raises {@link Unresolvable} in a
 * {@link #concrete} one, which local invoke uses to build real values.
 */
public final class CfnResolver {

    /** Marks a property removed by {@code !Ref AWS::NoValue}. */
    public static final Object NO_VALUE = new Object();

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_:.]+)}");

    /** A value only a deployed stack knows; the message is the expression, e.g. {@code !GetAtt Queue.Arn}. */
    public static final class Unresolvable extends RuntimeException {
        Unresolvable(String expression) {
            super(expression, null, false, false);
        }
    }

    private final CfnTemplate template;
    private final Map<String, String> values;
    private final boolean symbolic;
    private final Map<String, Boolean> conditions = new HashMap<>();

    private CfnResolver(CfnTemplate template, Map<String, String> values, boolean symbolic) {
        this.template = template;
        this.values = Map.copyOf(values);
        this.symbolic = symbolic;
    }

    /** Keeps references to resources and to values not given as they are ({"Ref": id}, "${AWS::Region}"). */
    public static CfnResolver symbolic(CfnTemplate template, Map<String, String> values) {
        return new CfnResolver(template, values, true);
    }

    /** Resolves to plain values or throws {@link Unresolvable}; a bucket's Ref is its BucketName when given. */
    public static CfnResolver concrete(CfnTemplate template, Map<String, String> values) {
        return new CfnResolver(template, values, false);
    }

    /** The node with its intrinsics resolved; {@link #NO_VALUE} for {@code !Ref AWS::NoValue}. */
    public Object resolve(Object node) {
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

    /** A resolved scalar as Lambda would see it in an environment variable. */
    public String string(Object node) {
        Object value = resolve(node);
        return isScalar(value) ? String.valueOf(value)
                : unresolvable(() -> "a non-scalar value " + value, () -> String.valueOf(value));
    }

    /** @throws CfnYaml.TemplateException when the template has no such condition */
    public boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known == null) {
            Object definition = template.conditions().get(name);
            if (definition == null) {
                throw new CfnYaml.TemplateException("the template has no condition " + name);
            }
            known = evaluate(definition);
            conditions.put(name, known);
        }
        return known;
    }

    /** A condition expression ({@code Fn::Equals}, {@code Fn::And}, ...), e.g. a Rules assertion. */
    public boolean evaluate(Object condition) {
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
                case "Fn::Join":
                    return join(CfnYaml.asList(argument, "Fn::Join"));
                case "Fn::GetAtt":
                    return unresolvable(() -> "!GetAtt " + String.join(".", CfnYaml.asList(argument, "Fn::GetAtt")
                            .stream().map(String::valueOf).toList()), () -> resolveEntries(map));
                default:
                    if (only.getKey().startsWith("Fn::")) {
                        return unresolvable(() -> "!" + only.getKey().substring(4) + " " + argument,
                                () -> resolveEntries(map));
                    }
            }
        }
        return resolveEntries(map);
    }

    private Map<String, Object> resolveEntries(Map<String, Object> map) {
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
        if (name.equals("AWS::NoValue")) {
            return NO_VALUE;
        }
        if (values.containsKey(name)) {
            return values.get(name);
        }
        if (symbolic) {
            return Map.of("Ref", name);
        }
        if (template.parameters().containsKey(name)) {
            throw new Unresolvable("!Ref " + name + " (a parameter without Default or override)");
        }
        // A bucket's Ref is its name: known without deploying when the template names the bucket.
        if (template.resources().containsKey(name) && "AWS::S3::Bucket".equals(template.type(name))) {
            Object bucketName = template.properties(name).get("BucketName");
            if (bucketName != null) {
                return string(bucketName);
            }
        }
        throw new Unresolvable("!Ref " + name);
    }

    /** Substitutes what is known; a symbolic resolver leaves the other {@code ${...}} as written. */
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
            String written = m.group();
            Object value = variables.containsKey(name) ? resolve(variables.get(name))
                    : name.contains(".") ? unresolvable(() -> "!Sub " + written, () -> written)
                    : ref(name);
            m.appendReplacement(out, Matcher.quoteReplacement(isScalar(value) ? String.valueOf(value)
                    : unresolvable(() -> "a non-scalar value " + value, () -> written)));
        }
        return m.appendTail(out).toString();
    }

    private Object join(List<Object> join) {
        Object parts = resolve(join.get(1));
        if (parts instanceof List<?> list && list.stream().allMatch(CfnResolver::isScalar)) {
            return String.join(join.get(0).toString(), list.stream().map(String::valueOf).toList());
        }
        return unresolvable(() -> "!Join " + join, () -> Map.of("Fn::Join", List.of(join.get(0), parts)));
    }

    /** What only a deployed stack resolves: the symbolic form, or Unresolvable naming the expression. */
    private <T> T unresolvable(Supplier<String> expression, Supplier<T> symbolicForm) {
        if (symbolic) {
            return symbolicForm.get();
        }
        throw new Unresolvable(expression.get());
    }

    private static boolean isScalar(Object value) {
        return !(value instanceof Map<?, ?> || value instanceof List<?>);
    }
}
