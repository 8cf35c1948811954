package io.paydr.devstack.sns.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parameters of one Query protocol request (form body and/or query string), with the accessors the
 * protocol's flattened shapes need: {@code Prefix.member.N.Field} lists and {@code Prefix.entry.N.key} maps.
 */
public final class QueryParams {

    private final Map<String, String> values;

    private QueryParams(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /** Parses {@code a=1&b=2} pairs from any number of form-encoded sources (later sources win). */
    public static QueryParams parse(String... encodedSources) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String source : encodedSources) {
            if (source == null || source.isEmpty()) {
                continue;
            }
            for (String pair : source.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                values.put(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return new QueryParams(values);
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** A parameter the action needs; AWS answers a missing one with InvalidParameter naming it. */
    public String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw SnsError.invalidParameter("Invalid parameter: " + name + " Reason: the parameter is required");
        }
        return value;
    }

    /**
     * The members of a flattened list or map, in index order: for {@code prefix = "Attributes.entry"} the
     * parameters {@code Attributes.entry.1.key} and {@code Attributes.entry.1.value} become one member with
     * fields {@code key} and {@code value}.
     */
    public List<QueryParams> members(String prefix) {
        String start = prefix + ".";
        TreeMap<Integer, Map<String, String>> byIndex = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(start)) {
                continue;
            }
            int dot = name.indexOf('.', start.length());
            if (dot < 0) {
                continue;
            }
            int index = index(name.substring(start.length(), dot), name);
            byIndex.computeIfAbsent(index, i -> new LinkedHashMap<>()).put(name.substring(dot + 1), e.getValue());
        }
        List<QueryParams> members = new ArrayList<>(byIndex.size());
        byIndex.values().forEach(fields -> members.add(new QueryParams(fields)));
        return members;
    }

    /** A flattened {@code Prefix.entry.N.key/value} map, e.g. the Attributes of CreateTopic and Subscribe. */
    public Map<String, String> map(String prefix) {
        Map<String, String> map = new LinkedHashMap<>();
        for (QueryParams entry : members(prefix + ".entry")) {
            map.put(entry.required("key"), entry.optional("value").orElse(""));
        }
        return map;
    }

    private static int index(String text, String parameter) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw SnsError.invalidParameter("Invalid parameter: " + parameter + " Reason: the list index is not a number");
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
