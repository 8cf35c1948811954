package io.paydr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard error is a terminal, which decides between a live progress bar and plain lines.
 *
 * <p>Java 17 has no isatty: {@code System.console()} says whether standard input <em>and</em> output are a terminal,
 * which is wrong for {@code paydr-local run > report.txt} (stderr still a terminal) and for {@code 2> log}. On Linux
 * the descriptor's link in /proc names the device; elsewhere the console answer is the best there is.
 */
public final class Terminal {

    private Terminal() {
    }

    public static boolean stderrIsTerminal() {
        return isTerminal(2);
    }

    static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        if (Files.isSymbolicLink(link)) {
            try {
                String device = Files.readSymbolicLink(link).toString();
                return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty") || device.equals("/dev/console");
            } catch (IOException e) {
                return false;
            }
        }
        return System.console() != null;
    }

    /** Prints whether standard error is a terminal (the test runs it under script(1) and with a pipe). */
    public static void main(String[] args) {
        System.out.println(stderrIsTerminal() ? "stderr: terminal" : "stderr: not a terminal");
    }
}
