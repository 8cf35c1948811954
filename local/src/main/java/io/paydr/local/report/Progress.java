package io.paydr.local.report;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;

/**
 * Progress bars on the given stream. On a terminal: one bar redrawn in place. Otherwise (logs, CI, tests):
 * plain ASCII lines, one every two seconds, since carriage returns would pile up on one line.
 */
public final class Progress {

    private static final int WIDTH = 110;

    private Progress() {
    }

    public static ProgressBar bar(String task, long max, String unit, PrintStream out) {
        boolean terminal = System.console() != null;
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setUnit(" " + unit, 1)
                .showSpeed();
        if (terminal) {
            b.setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(out, WIDTH));
        } else {
            b.setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(2000)
                    .setConsumer(new DelegatingProgressBarConsumer(out::println, WIDTH));
        }
        return b.build();
    }
}
