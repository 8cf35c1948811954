package io.paydr.ops.cli;

import io.paydr.aws.AwsConfigException;
import io.paydr.cli.Console;
import io.paydr.aws.DataApiException;
import io.paydr.ops.OpsConfigException;
import io.paydr.ops.OpsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The single entry point of the operations commands: {@code reconcile}, {@code replay}, {@code redrive}. The same
 * code runs against AWS and devstack; see {@link io.paydr.aws.AwsEnvironment} for the environment it reads.
 * Conventions of every paydr command (picocli): {@code --help}/{@code --version} on stdout with exit 0, usage
 * errors with exit 2 and the usage; the exit codes are in {@link ExitCode}.
 */
@Command(name = "java -jar paydr-ops.jar", mixinStandardHelpOptions = true, versionProvider = OpsCli.Version.class,
        synopsisHeading = "usage: ", description = "Operations on both Regions' warehouses, payloads and queues.",
        footer = {"", "TIME is 2026-11-25T16:00:00Z, 2026-11-25T16 or 2026-11-25 (UTC); ranges are [from, to).",
                "Exit codes: 0 done/equal, 1 diverged or partly failed, 2 usage or configuration error,"
                        + " 3 a service call failed."})
public final class OpsCli implements Callable<Integer> {

    @Spec
    private CommandSpec spec;
    private final Map<String, String> env;
    private final Console console;

    /** In-process (tests, the local module): reports to {@code out}, plain progress and errors to {@code err}. */
    public OpsCli(Map<String, String> env, PrintStream out, PrintStream err) {
        this(env, new Console(out, err, false));
    }

    public OpsCli(Map<String, String> env, Console console) {
        this.env = Map.copyOf(env);
        this.console = console;
    }

    public static void main(String[] args) {
        System.exit(new OpsCli(System.getenv(), Console.system()).run(args));
    }

    /** Runs one command and returns its exit code (see {@link ExitCode}); never throws. */
    public int run(String... args) {
        CommandLine cli = new CommandLine(this)
                .addSubcommand(new ReconcileCommand(env, console.out()))
                .addSubcommand(new ReplayCommand(env, console))
                .addSubcommand(new RedriveCommand(env, console))
                .addSubcommand(new HelpCommand())
                .setOut(new PrintWriter(console.out(), true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(console.err(), true, StandardCharsets.UTF_8));
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            String command = "paydr-ops " + commandLine.getCommandName();
            if (e instanceof OpsConfigException || e instanceof AwsConfigException) {
                commandLine.getErr().println(command + ": " + e.getMessage());
                commandLine.usage(commandLine.getErr());
                return ExitCode.USAGE;
            }
            if (e instanceof OpsException || e instanceof DataApiException || e instanceof SdkException
                    || e instanceof UncheckedIOException) {
                commandLine.getErr().println(command + " failed: " + e.getMessage());
                return ExitCode.FAILED;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "give a command: reconcile, replay or redrive");
    }

    /** A count option that must be at least 1. */
    static int positive(CommandSpec spec, String option, int value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), "option " + option + " must be a positive integer, not "
                    + value);
        }
        return value;
    }

    /** The version Maven wrote into the jar's manifest ("development" when run from classes). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = OpsCli.class.getPackage().getImplementationVersion();
            return new String[] {"paydr-ops " + (v == null ? "development" : v)};
        }
    }
}
