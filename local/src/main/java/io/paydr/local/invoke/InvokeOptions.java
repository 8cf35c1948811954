package io.paydr.local.invoke;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What to invoke, as given on the command line (the names follow {@code sam local invoke}): the event file, the
 * function's logical id (inferred from the event when absent), the template, an env-vars file, the Region, the
 * samconfig environment ({@code devstack} by default) and, for a drain, the SQS event files whose messages make up
 * the queue's backlog (by default every SQS event file beside the event).
 */
public record InvokeOptions(Path event, Optional<String> function, Path template, Optional<Path> envVars,
                            Optional<String> region, Optional<String> configEnv, List<Path> backlog) {

    public static final String SYNOPSIS = String.join(System.lineSeparator(),
            "usage: invoke [LOGICAL_ID] --event FILE [--function LOGICAL_ID] [--template template.yaml] [--env-vars FILE]",
            "              [--region us-east-1|us-west-2] [--config-env devstack] [--backlog SQS_EVENT_FILE]...");

    public static final String USAGE = String.join(System.lineSeparator(), SYNOPSIS,
            "Runs the template's function in-process against an in-process devstack, as `sam local invoke` does in",
            "Docker: seeds the payloads the event points to (<event>.payload.jsonl), invokes the handler, prints its",
            "response and the rows in the Region's warehouse. Exit status: 0 invoked (batch item failures included),",
            "1 the handler threw, 2 usage or configuration error.");

    public InvokeOptions {
        backlog = List.copyOf(backlog);
    }

    /** Options for an event with everything else defaulted. */
    public static InvokeOptions forEvent(Path event) {
        return new InvokeOptions(event, Optional.empty(), Path.of("template.yaml"), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of());
    }

    /** @throws InvokeException (usage) naming the unknown option or the missing value */
    public static InvokeOptions parse(String[] args) {
        Path event = null;
        Optional<String> function = Optional.empty();
        Path template = Path.of("template.yaml");
        Optional<Path> envVars = Optional.empty();
        Optional<String> region = Optional.empty();
        Optional<String> configEnv = Optional.empty();
        List<Path> backlog = new ArrayList<>();
        int first = 0;
        if (args.length > 0 && !args[0].startsWith("-")) { // sam local invoke's positional function id
            function = Optional.of(args[0]);
            first = 1;
        }
        for (int i = first; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                throw InvokeException.usage(option.startsWith("--") ? option + " needs a value" : "unexpected argument '" + option + "'");
            }
            String value = args[++i];
            switch (option) {
                case "--event", "-e" -> event = Path.of(value);
                case "--function" -> function = Optional.of(value);
                case "--template", "-t" -> template = Path.of(value);
                case "--env-vars", "-n" -> envVars = Optional.of(Path.of(value));
                case "--region" -> region = Optional.of(value);
                case "--config-env" -> configEnv = Optional.of(value);
                case "--backlog" -> backlog.add(Path.of(value));
                default -> throw InvokeException.usage("unknown option '" + option + "'");
            }
        }
        if (event == null) {
            throw InvokeException.usage("--event FILE is required");
        }
        return new InvokeOptions(event, function, template, envVars, region, configEnv, backlog);
    }

    public InvokeOptions withFunction(String logicalId) {
        return new InvokeOptions(event, Optional.of(logicalId), template, envVars, region, configEnv, backlog);
    }

    public InvokeOptions withTemplate(Path file) {
        return new InvokeOptions(event, function, file, envVars, region, configEnv, backlog);
    }
}
