package io.paydr.ops.devstack;

import io.paydr.ops.cli.OpsCli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One run of the CLI as an operator runs it, configured only by an environment map, with its output captured. */
final class CliRun {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final int exitCode;

    private CliRun(Map<String, String> env, String... args) {
        exitCode = new OpsCli(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    static CliRun run(Map<String, String> env, String... args) {
        return new CliRun(env, args);
    }

    int exitCode() {
        return exitCode;
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Everything printed, for assertion messages. */
    String all() {
        return err() + out();
    }
}
