package io.paydr.ingest.template;

import java.util.List;
import java.util.Map;

/** CloudFormation's checks of one parameter value: AllowedValues, AllowedPattern (Java regex), MinValue/MaxValue. */
final class ParameterConstraints {

    private ParameterConstraints() {
    }

    static void check(String name, Map<String, Object> definition, String value) {
        Object allowedValues = definition.get("AllowedValues");
        if (allowedValues != null && !PolicyStatement.texts(allowedValues).contains(value)) {
            throw new IllegalArgumentException(name + "=" + value + " is not one of " + allowedValues);
        }
        Object pattern = definition.get("AllowedPattern");
        if (pattern != null && !value.matches(pattern.toString())) {
            throw new IllegalArgumentException(name + "=" + value + " does not match " + pattern);
        }
        if ("Number".equals(definition.get("Type"))) {
            double number = Double.parseDouble(value);
            for (String bound : List.of("MinValue", "MaxValue")) {
                Object limit = definition.get(bound);
                if (limit != null && (bound.equals("MinValue") ? number < ((Number) limit).doubleValue() : number > ((Number) limit).doubleValue())) {
                    throw new IllegalArgumentException(name + "=" + value + " is outside " + bound + " " + limit);
                }
            }
        }
    }
}
