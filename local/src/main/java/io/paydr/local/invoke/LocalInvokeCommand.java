package io.paydr.local.invoke;

import io.paydr.cli.Console;
import io.paydr.devstack.Devstack;
import io.paydr.devstack.DevstackOptions;
import io.paydr.local.cli.FunctionLog;
import io.paydr.sam.CfnYaml;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code invoke [LOGICAL_ID] --event FILE [--function ID] [--template FILE] [--env-vars FILE] [--region R]}:
 * {@code sam local invoke} on any machine with Java, option names as sam's. Starts devstack in-process, runs the
 * function (see {@link LocalInvoke}), prints the report, stops devstack. Exit status: 0 the handler returned (batch
 * item failures are printed, not errors), 1 the handler threw, 2 usage or configuration error.
 */
@Command(name = "invoke", mixinStandardHelpOptions = true, versionProvider = LocalInvokeCommand.Version.class,
        synopsisHeading = "", usageHelpWidth = 120, customSynopsis = {
                "usage: invoke [LOGICAL_ID] --event FILE [--function LOGICAL_ID] [--template template.yaml] [--env-vars FILE]",
                "              [--region us-east-1|us-west-2] [--config-env devstack] [--backlog SQS_EVENT_FILE]...",
                "              [--json] [--function-log FILE]"},
        description = {"Runs the template's function in-process against an in-process devstack, as `sam local invoke`",
                "does in Docker: seeds the payloads the event points to (<event>.payload.jsonl), invokes the handler,",
                "prints its response and the rows in the Region's warehouse (stdout; --json for one JSON document).",
                "The function's own log lines go to stderr, as with sam local invoke, or to --function-log FILE."},
        footer = "Exit status: 0 invoked (batch item failures included), 1 the handler threw, 2 usage or configuration error.")
public final class LocalInvokeCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "LOGICAL_ID", description = "the function (sam's positional id)")
    private String positionalFunction;
    @Option(names = {"--event", "-e"}, required = true, paramLabel = "FILE", description = "the event JSON")
    private Path event;
    @Option(names = "--function", paramLabel = "LOGICAL_ID", description = "default: inferred from the event")
    private String function;
    @Option(names = {"--template", "-t"}, paramLabel = "FILE", defaultValue = "template.yaml")
    private Path template;
    @Option(names = {"--env-vars", "-n"}, paramLabel = "FILE", description = "sam's env-vars JSON")
    private Path envVars;
    @Option(names = "--region", paramLabel = "REGION", description = "default: samconfig's, else us-east-1")
    private String region;
    @Option(names = "--config-env", paramLabel = "ENV", description = "samconfig.toml environment (default devstack)")
    private String configEnv;
    @Option(names = "--backlog", paramLabel = "SQS_EVENT_FILE", description = "a drain's queue backlog (repeatable)")
    private List<Path> backlog = new ArrayList<>();
    @Option(names = "--json", description = "the report as one JSON document on stdout")
    private boolean json;
    @Option(names = "--function-log", paramLabel = "FILE", description = "the function's log lines (default: stderr)")
    private Path functionLog;

    private final PrintStream out;
    private final PrintStream err;
    private final Devstack existing;

    /** @param existing the devstack to invoke on (left running), or null for one of its own */
    public LocalInvokeCommand(PrintStream out, PrintStream err, Devstack existing) {
        this.out = out;
        this.err = err;
        this.existing = existing;
    }

    /** The report alone goes to standard output; the function's own output (logs, EMF metrics) to standard error. */
    public static void main(String[] args) {
        // devstack's servers log at INFO; the report is what matters here
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        Console console = Console.system();
        System.exit(run(args, console.out(), console.err()));
    }

    /** Runs the command with a devstack of its own. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, null);
    }

    /** Runs the command against the given devstack (left running), or a devstack of its own when it is null. */
    public static int run(String[] args, PrintStream out, PrintStream err, Devstack existing) {
        return new CommandLine(new LocalInvokeCommand(out, err, existing))
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .execute(args);
    }

    @Override
    public Integer call() {
        try {
            InvocationPlan plan = LocalInvoke.plan(options());
            try (FunctionLog log = functionLog != null ? FunctionLog.toFile(functionLog, err) : FunctionLog.toStream(err)) {
                InvocationResult result = existing != null ? new LocalInvoke(existing).invoke(plan, log.stream())
                        : invokeOnOwnDevstack(plan, log.stream());
                if (json) {
                    out.print(ReportPrinter.json(result, log.file()));
                } else {
                    ReportPrinter.print(result, out);
                }
                out.flush();
            }
            return 0;
        } catch (InvokeException e) {
            err.println((e.exitStatus() == InvokeException.USAGE ? "invoke: " : "invoke failed: ") + e.getMessage());
            if (e.exitStatus() == InvokeException.USAGE) {
                usage();
            } else if (e.getCause() != null) {
                e.getCause().printStackTrace(err);
            }
            return e.exitStatus();
        } catch (CfnYaml.TemplateException e) {
            err.println("invoke: " + e.getMessage());
            usage();
            return InvokeException.USAGE;
        }
    }

    private InvokeOptions options() {
        if (positionalFunction != null && function != null && !positionalFunction.equals(function)) {
            throw InvokeException.usage("the function is named twice: '" + positionalFunction + "' and --function "
                    + function);
        }
        return new InvokeOptions(event, Optional.ofNullable(function != null ? function : positionalFunction),
                template, Optional.ofNullable(envVars), Optional.ofNullable(region), Optional.ofNullable(configEnv),
                backlog);
    }

    private void usage() {
        for (String line : LocalInvokeCommand.class.getAnnotation(Command.class).customSynopsis()) {
            err.println(line);
        }
    }

    private static InvocationResult invokeOnOwnDevstack(InvocationPlan plan, PrintStream log) {
        try (Devstack devstack = Devstack.start(DevstackOptions.defaults())) {
            return new LocalInvoke(devstack).invoke(plan, log);
        }
    }

    /** The version Maven wrote into the jar's manifest ("development" when run from classes). */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = LocalInvokeCommand.class.getPackage().getImplementationVersion();
            return new String[] {"paydr-local " + (v == null ? "development" : v)};
        }
    }
}
