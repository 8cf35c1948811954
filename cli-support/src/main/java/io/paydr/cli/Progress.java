package io.paydr.cli;

import java.io.PrintStream;

/**
 * Progress of one task, always on standard error, so that standard output carries only the report. On a terminal a
 * live bar redrawn in place ({@code me.tongfei:progressbar}); otherwise (a pipe, a file, CI) plain lines without
 * carriage returns, printed only when something changed (see {@link PlainProgress}), so a log never repeats a 100 %
 * line. Obtain one from {@link Console#progress}.
 */
public interface Progress extends AutoCloseable {

    /** Items done so far. */
    void stepTo(long done);

    /** One more item done. */
    void step();

    /** The total, once known (a negative total means unknown). */
    void total(long total);

    /** A short text shown after the counts, e.g. per-Region figures. */
    void message(String text);

    /** Shows the final state (once) and ends the bar's line. */
    @Override
    void close();

    /** A live bar for a terminal. */
    static Progress live(PrintStream err, String task, long total, String unit) {
        return new LiveProgress(err, task, total, unit);
    }

    /** Plain lines, at most one every {@code intervalMillis} while the task runs. */
    static Progress plain(PrintStream err, String task, long total, String unit, long intervalMillis) {
        return new PlainProgress(err, task, total, unit, intervalMillis, System::nanoTime);
    }
}
