package io.paydr.local.cli;

import io.paydr.devstack.Devstack;
import io.paydr.devstack.DevstackOptions;
import picocli.CommandLine;
import io.paydr.local.invoke.LocalInvokeCommand;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code java -jar local/target/paydr-local.jar run | drill region-outage | drill replication-lag | invoke}.
 * Exit status: 0 everything matched, 1 a mismatch or failure, 2 bad usage.
 *
 * <p>The ingest functions write their JSON logs and EMF metrics to standard output, as on Lambda; here
 * standard output goes to a log file (CloudWatch's stand-in) so that the terminal shows the run itself.
 */
@Command(name = "paydr-local", mixinStandardHelpOptions = true,
        description = {"The whole two-Region paydr pipeline on this machine (devstack), and its DR drills.",
                "Function logs go to the file named by -Dpaydr.functionLog (default paydr-local-functions.log)."},
        versionProvider = LocalInvokeCommand.Version.class,
        subcommands = {RunCommand.class, DrillCommand.class})
public final class LocalCli {

    private static PrintStream console = System.out;

    public static void main(String[] args) {
        // the servers inside devstack log at INFO; the run's own report is what matters here
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        Path functionLog = Path.of(System.getProperty("paydr.functionLog", "paydr-local-functions.log"));
        console = System.out;
        System.setOut(new PrintStream(open(functionLog), true, StandardCharsets.UTF_8));
        console.println("function logs: " + functionLog.toAbsolutePath());
        System.exit(run(args));
    }

    public static int run(String... args) {
        // help and version go to the terminal, not to the function log that standard output carries here
        return new CommandLine(new LocalCli())
                .addSubcommand("invoke", new LocalInvokeCommand(console, System.err, null))
                .setOut(new PrintWriter(console, true, StandardCharsets.UTF_8))
                .execute(args);
    }

    /** Where reports and progress go: the terminal, even when standard output carries function logs. */
    static PrintStream console() {
        return console;
    }

    static Devstack startDevstack() {
        Devstack devstack = Devstack.start(DevstackOptions.defaults());
        console.printf(Locale.ROOT, "devstack up in %.1f s (S3 %s, SQS/SNS/Data API per Region, PostgreSQL 17)%n",
                devstack.startupTime().toMillis() / 1000.0, devstack.s3Endpoint());
        return devstack;
    }

    private static OutputStream open(Path file) {
        try {
            return Files.newOutputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the function log " + file.toAbsolutePath(), e);
        }
    }
}
