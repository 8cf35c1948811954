package io.paydr.local.cli;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --json} and {@code --function-log} of run and drill. Nothing is written into the current directory unless
 * a path says so: by default the function log (and a drill's chart) go to a new temporary directory, which the
 * output names.
 */
final class OutputOptions {

    @Option(names = "--json", description = "print the report as one JSON document on stdout (progress stays on stderr)")
    boolean json;

    @Option(names = "--function-log", paramLabel = "FILE",
            description = "where the functions' JSON logs and EMF metrics go (default: a new temporary directory's"
                    + " functions.log, named on stderr)")
    Path functionLog;

    private Path directory;

    /** The function log of this command, opened and named on {@code status}. */
    FunctionLog openFunctionLog(java.io.PrintStream status) {
        return FunctionLog.toFile(functionLog != null ? functionLog : directory().resolve("functions.log"), status);
    }

    /** This command's own temporary directory, made on first use. */
    Path directory() {
        if (directory == null) {
            try {
                directory = Files.createTempDirectory("paydr-local-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary directory in java.io.tmpdir="
                        + System.getProperty("java.io.tmpdir") + ": give --function-log FILE (and --chart FILE), or run"
                        + " java -Djava.io.tmpdir=DIR -jar ...", e);
            }
        }
        return directory;
    }
}
