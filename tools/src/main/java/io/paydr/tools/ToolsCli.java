package io.paydr.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code java -jar tools/target/paydr-tools.jar <command>}: the operator tools that are not part of the embedded
 * library. Conventions of every paydr command (picocli): {@code --help} and {@code --version} print to stdout and
 * exit 0; exit 0 done, 1 failed, 2 usage error, whose message names the option and is followed by the usage.
 */
@Command(name = "paydr-tools", mixinStandardHelpOptions = true, versionProvider = ToolsCli.Version.class,
        synopsisHeading = "usage: ", description = "paydr operator tools.",
        footer = "Exit codes: 0 done, 1 failed, 2 usage error.")
public final class ToolsCli implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    private ToolsCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.in, System.out, System.err));
    }

    /** The whole CLI (every command under {@code paydr-tools}); returns the exit code. */
    static int run(String[] args, Map<String, String> env, InputStream stdin, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new ToolsCli()).addSubcommand(new PublishCommand(env, stdin, out, err));
        return configure(cli, out, err).execute(args);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "give a command: publish");
    }

    /** Runs one command with the conventions above; returns its exit code. */
    static int execute(Object command, String[] args, PrintStream out, PrintStream err) {
        return configure(new CommandLine(command), out, err).execute(args);
    }

    private static CommandLine configure(CommandLine cli, PrintStream out, PrintStream err) {
        return cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    commandLine.getErr().println(commandLine.getCommandName() + " failed: " + e.getMessage());
                    return CommandLine.ExitCode.SOFTWARE;
                });
    }

    /** The version Maven wrote into the jar's manifest ("development" when run from classes). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ToolsCli.class.getPackage().getImplementationVersion();
            return new String[] {"paydr-tools " + (v == null ? "development" : v)};
        }
    }

}
