package io.paydr.local.cli;

import io.paydr.cli.Console;
import io.paydr.devstack.Devstack;
import io.paydr.devstack.DevstackOptions;
import io.paydr.local.invoke.LocalInvokeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code java -jar local/target/paydr-local.jar run | drill region-outage | drill replication-lag | invoke}.
 * Conventions of every paydr command: {@code --help} and {@code --version} on stdout with exit 0; the report on
 * stdout (one JSON document with {@code --json}); progress, status lines and errors on stderr; exit 0 everything
 * matched, 1 a mismatch or failure, 2 bad usage. The in-process functions' own output goes to a function log
 * ({@link FunctionLog}), never into the current directory unless asked.
 */
@Command(name = "paydr-local", mixinStandardHelpOptions = true, versionProvider = LocalInvokeCommand.Version.class,
        description = {"The whole two-Region paydr pipeline on this machine (devstack), its DR drills, and local",
                "invoke of the function. Reports on stdout (--json for one JSON document), progress on stderr."},
        footer = "Exit status: 0 everything matched (invoke: the handler returned), 1 a mismatch or failure, 2 bad usage.")
public final class LocalCli implements Callable<Integer> {

    @Spec
    private CommandSpec spec;
    private final Console console;

    public LocalCli(Console console) {
        this.console = console;
    }

    public static void main(String[] args) {
        // the servers inside devstack log at INFO; the run's own report is what matters here
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.exit(new LocalCli(Console.system()).run(args));
    }

    /** Runs one command and returns its exit status; never exits the JVM. */
    public int run(String... args) {
        CommandLine drill = new CommandLine(new DrillCommand())
                .addSubcommand(new DrillCommand.RegionOutage(console))
                .addSubcommand(new DrillCommand.ReplicationLag(console));
        return new CommandLine(this)
                .addSubcommand(new RunCommand(console))
                .addSubcommand("drill", drill)
                .addSubcommand("invoke", new LocalInvokeCommand(console.out(), console.err(), null))
                .setOut(new PrintWriter(console.out(), true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(console.err(), true, StandardCharsets.UTF_8))
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    commandLine.getErr().println("paydr-local " + commandLine.getCommandName() + " failed: "
                            + describe(e));
                    return 1;
                })
                .execute(args);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "give a command: run, drill or invoke");
    }

    static Devstack startDevstack(PrintStream status) {
        Devstack devstack = Devstack.start(DevstackOptions.defaults());
        status.printf(Locale.ROOT, "devstack up in %.1f s (S3 %s, SQS/SNS/Data API per Region, PostgreSQL 17)%n",
                devstack.startupTime().toMillis() / 1000.0, devstack.s3Endpoint());
        return devstack;
    }

    /** The message and its causes' messages: the stack trace would say less to a user than what went wrong. */
    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !text.toString().contains(c.getMessage())) {
                text.append(": ").append(c.getMessage());
            }
        }
        return text.toString();
    }
}
