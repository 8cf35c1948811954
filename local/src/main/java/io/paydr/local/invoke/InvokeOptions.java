package io.paydr.local.invoke;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What to invoke, as given on the command line (the names follow {@code sam local invoke}): the event file, the
 * function's logical id (inferred from the event when absent), the template, an env-vars file, the Region, the
 * samconfig environment ({@code devstack} by default) and, for a drain, the SQS event files whose messages make up
 * the queue's backlog (by default every SQS event file beside the event). Parsed by {@link LocalInvokeCommand}.
 */
public record InvokeOptions(Path event, Optional<String> function, Path template, Optional<Path> envVars,
                            Optional<String> region, Optional<String> configEnv, List<Path> backlog) {

    public InvokeOptions {
        backlog = List.copyOf(backlog);
    }

    /** Options for an event with everything else defaulted. */
    public static InvokeOptions forEvent(Path event) {
        return new InvokeOptions(event, Optional.empty(), Path.of("template.yaml"), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of());
    }

    public InvokeOptions withFunction(String logicalId) {
        return new InvokeOptions(event, Optional.of(logicalId), template, envVars, region, configEnv, backlog);
    }

    public InvokeOptions withTemplate(Path file) {
        return new InvokeOptions(event, function, file, envVars, region, configEnv, backlog);
    }
}
