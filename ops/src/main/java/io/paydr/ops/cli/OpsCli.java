package io.paydr.ops.cli;

import io.paydr.aws.AwsConfigException;
import io.paydr.aws.DataApiException;
import io.paydr.ops.OpsConfigException;
import io.paydr.ops.OpsException;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The single entry point of the operations commands: {@code reconcile}, {@code replay}, {@code redrive}. The same
 * code runs against AWS and devstack; see {@link io.paydr.aws.AwsEnvironment} for the environment it reads.
 */
public final class OpsCli {

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    public OpsCli(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = Map.copyOf(env);
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new OpsCli(System.getenv(), System.out, System.err).run(args));
    }

    /** Runs one command and returns its exit code (see {@link ExitCode}); never throws. */
    public int run(String... args) {
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            (args.length == 0 ? err : out).print(usage());
            return args.length == 0 ? ExitCode.USAGE : ExitCode.OK;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "reconcile" -> ReconcileCommand.run(rest, env, out);
                case "replay" -> ReplayCommand.run(rest, env, out, err);
                case "redrive" -> RedriveCommand.run(rest, env, out, err);
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            };
        } catch (OpsConfigException | AwsConfigException e) {
            err.println("paydr-ops " + args[0] + ": " + e.getMessage());
            err.print(usage());
            return ExitCode.USAGE;
        } catch (OpsException | DataApiException | SdkException | UncheckedIOException e) {
            err.println("paydr-ops " + args[0] + " failed: " + e.getMessage());
            return ExitCode.FAILED;
        }
    }

    static String usage() {
        return "usage: java -jar paydr-ops.jar <command> [options]\n\n" + ReconcileCommand.USAGE
                + "\n" + ReplayCommand.USAGE + "\n" + RedriveCommand.USAGE
                + "\nTIME is 2026-11-25T16:00:00Z, 2026-11-25T16 or 2026-11-25 (UTC); ranges are [from, to).\n"
                + "Exit codes: 0 done/equal, 1 diverged or partly failed, 2 usage or configuration error,"
                + " 3 a service call failed.\n";
    }
}
