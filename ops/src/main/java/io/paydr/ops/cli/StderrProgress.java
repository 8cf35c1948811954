package io.paydr.ops.cli;

import io.paydr.ops.ProgressListener;

import java.io.PrintStream;

/** A one-line counter on stderr, redrawn at most four times a second and once at the end. */
final class StderrProgress implements ProgressListener {

    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintStream err;
    private final String label;
    private long lastDraw;
    private boolean drawn;

    StderrProgress(PrintStream err, String label) {
        this.err = err;
        this.label = label;
    }

    @Override
    public void progress(long done, long total) {
        long now = System.nanoTime();
        if (drawn && done != total && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        err.print("\r" + label + ": " + done + (total >= 0 ? "/" + total : ""));
        err.flush();
    }

    /** Ends the counter's line, if one was drawn. */
    void finish() {
        if (drawn) {
            err.println();
        }
    }
}
