package io.paydr.ingest.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Reads variables from one environment map; blank values count as unset (SAM passes "" for empty parameters). */
final class Environment {
    private final Map<String, String> variables;

    Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    /** The whole map, for readers of shared settings (the SDK's). */
    Map<String, String> variables() {
        return variables;
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(variables.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    String required(String name) {
        return optional(name).orElseThrow(() -> new ConfigurationException(name, "is required but not set"));
    }

    <T> T parsed(String name, String fallback, Function<String, T> parser) {
        String value = optional(name).orElse(fallback);
        try {
            return parser.apply(value);
        } catch (ConfigurationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ConfigurationException(name, e.getMessage());
        }
    }

    long positiveLong(String name, long fallback) {
        return parsed(name, Long.toString(fallback), value -> {
            long parsed = Long.parseLong(value);
            if (parsed <= 0) {
                throw new IllegalArgumentException("must be a positive integer, was " + value);
            }
            return parsed;
        });
    }

    boolean flag(String name) {
        return optional(name).map(Boolean::parseBoolean).orElse(false);
    }

    /** Splits {@code a,b,c}, dropping blanks. */
    static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Parses {@code k=v,k2=v2} keeping order; duplicate keys are an error. */
    static Map<String, String> pairs(String value) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String entry : list(value)) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException("expected key=value, got '" + entry + "'");
            }
            String key = entry.substring(0, eq).trim();
            if (pairs.put(key, entry.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("key '" + key + "' appears twice");
            }
        }
        return pairs;
    }
}
