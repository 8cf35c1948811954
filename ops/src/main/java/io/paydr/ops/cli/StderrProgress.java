package io.paydr.ops.cli;

import io.paydr.cli.Console;
import io.paydr.cli.Progress;
import io.paydr.ops.ProgressListener;

/**
 * An operation's progress on the console's stderr: a live bar when stderr is a terminal, plain lines otherwise
 * (never a carriage return in a log). Made on the first report, when the total is known or known to be unknown.
 */
final class StderrProgress implements ProgressListener {

    private final Console console;
    private final String label;
    private final String unit;
    private Progress progress;

    StderrProgress(Console console, String label, String unit) {
        this.console = console;
        this.label = label;
        this.unit = unit;
    }

    @Override
    public void progress(long done, long total) {
        if (progress == null) {
            progress = console.progress(label, total, unit);
        } else {
            progress.total(total);
        }
        progress.stepTo(done);
    }

    /** Shows the final count once, if anything was reported. */
    void finish() {
        if (progress != null) {
            progress.close();
        }
    }
}
