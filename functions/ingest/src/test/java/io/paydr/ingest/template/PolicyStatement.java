package io.paydr.ingest.template;

import io.paydr.sam.CfnYaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One statement of an IAM or resource policy in a deployed template, with actions and resources as
 * text ({@code !GetAtt Queue.Arn} reads {@code ${Queue.Arn}}, parameters already replaced by values).
 */
record PolicyStatement(String owner, String sid, String effect, List<String> actions, boolean notAction,
                       List<String> resources, boolean notResource, Map<String, Object> condition, Object principal) {

    static PolicyStatement of(String owner, Map<String, Object> statement) {
        return new PolicyStatement(
                owner,
                String.valueOf(statement.getOrDefault("Sid", "(no Sid)")),
                String.valueOf(statement.get("Effect")),
                texts(statement.containsKey("NotAction") ? statement.get("NotAction") : statement.get("Action")),
                statement.containsKey("NotAction"),
                texts(statement.containsKey("NotResource") ? statement.get("NotResource") : statement.get("Resource")),
                statement.containsKey("NotResource"),
                statement.containsKey("Condition") ? CfnYaml.asMap(statement.get("Condition"), "Condition") : Map.of(),
                statement.get("Principal"));
    }

    boolean allows() {
        return effect.equals("Allow");
    }

    /** Where the finding points: policy owner and statement id. */
    String where() {
        return owner + "/" + sid;
    }

    /** True when this statement's action list covers the IAM action (exact or by a trailing-* pattern). */
    boolean grants(String action) {
        return allows() && !notAction && actions.stream().anyMatch(pattern -> matches(pattern, action));
    }

    static boolean matches(String pattern, String value) {
        String regex = ("\\Q" + pattern.toLowerCase() + "\\E").replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
        return value.toLowerCase().matches(regex);
    }

    static List<String> texts(Object node) {
        List<String> texts = new ArrayList<>();
        if (node instanceof List<?> list) {
            list.forEach(item -> texts.add(text(item)));
        } else if (node != null) {
            texts.add(text(node));
        }
        return texts;
    }

    /** Renders a resolved node as readable text: strings as is, references as ${...}. */
    static String text(Object node) {
        if (node instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> only = map.entrySet().iterator().next();
            return switch (String.valueOf(only.getKey())) {
                case "Ref" -> "${" + only.getValue() + "}";
                case "Fn::GetAtt" -> "${" + String.join(".", texts(only.getValue())) + "}";
                case "Fn::Sub" -> only.getValue() instanceof List<?> l ? text(l.get(0)) : text(only.getValue());
                default -> String.valueOf(node);
            };
        }
        return String.valueOf(node);
    }
}
