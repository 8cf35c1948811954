package io.paydr.tools;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * {@code java -jar tools/target/paydr-tools.jar <command>}: the operator tools that are not part of the embedded
 * library. Conventions of every paydr command (picocli): {@code --help} and {@code --version} print to stdout and
 * exit 0; exit 0 done, 1 failed, 2 usage error, whose message names the option and is followed by the usage.
 */
@Command(name = "paydr-tools", mixinStandardHelpOptions = true, versionProvider = ToolsCli.Version.class,
        synopsisHeading = "usage: ", description = "paydr operator tools.")
public final class ToolsCli {

    private ToolsCli() {
    }

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new ToolsCli())
                .addSubcommand(new PublishCommand(System.getenv(), System.in, System.out, System.err));
        System.exit(configure(cli, System.out, System.err).execute(args));
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
