package io.paydr.cli;

import java.io.PrintStream;

/**
 * Where a paydr command writes: {@code out} carries the report only (text, or JSON with {@code --json}), {@code err}
 * carries progress, status lines and errors. Whether progress is drawn live is decided once, by the command's
 * {@code main}, from the real standard error ({@link Terminal}); commands run in-process (tests) get plain lines.
 */
public record Console(PrintStream out, PrintStream err, boolean liveProgress) {

    /** Plain lines every two seconds at most: a log of a long run stays short. */
    public static final long PLAIN_INTERVAL_MILLIS = 2_000;

    /** The process's own standard output and error; live progress when standard error is a terminal. */
    public static Console system() {
        return new Console(System.out, System.err, Terminal.stderrIsTerminal());
    }

    /** Progress of one task on {@link #err}, live or plain (see {@link Progress}). */
    public Progress progress(String task, long total, String unit) {
        return liveProgress ? Progress.live(err, task, total, unit)
                : Progress.plain(err, task, total, unit, PLAIN_INTERVAL_MILLIS);
    }
}
