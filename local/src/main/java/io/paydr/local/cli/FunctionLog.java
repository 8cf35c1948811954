package io.paydr.local.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the in-process functions' own output goes while a command runs: their JSON logs and EMF metrics (standard
 * output, as on Lambda, where CloudWatch takes them) and whatever the in-process services print. Standard output
 * and error of the JVM are redirected there for the command's duration, so that the command's report (written to
 * the streams it was given) stays alone on stdout. A file (named in the output) or the command's standard error.
 */
public final class FunctionLog implements AutoCloseable {

    private final Optional<Path> file;
    private final PrintStream stream;
    private final PrintStream previousOut = System.out;
    private final PrintStream previousErr = System.err;

    private FunctionLog(Optional<Path> file, PrintStream stream) {
        this.file = file;
        this.stream = stream;
        System.setOut(stream);
        System.setErr(stream);
    }

    /** Into {@code file} (created or truncated; its directory created), named on {@code status}. */
    public static FunctionLog toFile(Path file, PrintStream status) {
        Path absolute = file.toAbsolutePath();
        OutputStream out;
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            out = Files.newOutputStream(absolute);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the function log " + absolute
                    + ": give another file with --function-log FILE", e);
        }
        status.println("function log: " + absolute);
        return new FunctionLog(Optional.of(absolute), new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    /** Onto {@code err}, between the command's own lines (invoke's default, as sam local invoke does). */
    public static FunctionLog toStream(PrintStream err) {
        return new FunctionLog(Optional.empty(), err);
    }

    /** The file, or empty when the log goes to standard error. */
    public Optional<Path> file() {
        return file;
    }

    public PrintStream stream() {
        return stream;
    }

    @Override
    public void close() {
        System.setOut(previousOut);
        System.setErr(previousErr);
        if (file.isPresent()) {
            stream.close();
        }
    }
}
