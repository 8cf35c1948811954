package io.paydr.devstack.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parsed command-line arguments: positionals plus {@code --name value} options and {@code --flag} switches. */
final class Arguments {

    private final List<String> positionals = new ArrayList<>();
    private final Map<String, String> options = new HashMap<>();

    private Arguments() {
    }

    /** Fails with a usage error on an option not in {@code valued} or {@code flags}, or a valued option without value. */
    static Arguments parse(List<String> args, Set<String> valued, Set<String> flags) {
        Arguments parsed = new Arguments();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                parsed.positionals.add(arg);
            } else if (flags.contains(arg)) {
                parsed.options.put(arg, "true");
            } else if (valued.contains(arg)) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new UsageException(arg + " needs a value");
                }
                parsed.options.put(arg, args.get(++i));
            } else {
                throw new UsageException("unknown option " + arg);
            }
        }
        return parsed;
    }

    List<String> positionals() {
        return positionals;
    }

    String option(String name) {
        return options.get(name);
    }

    String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    double number(String name) {
        String value = options.get(name);
        if (value == null) {
            return 0;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new UsageException(name + " must be a number, was '" + value + "'");
        }
    }
}
