package io.paydr.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;

/** The bar redrawn in place on a terminal (carriage returns), four times a second. */
final class LiveProgress implements Progress {

    private static final int WIDTH = 110;

    private final ProgressBar bar;

    LiveProgress(PrintStream err, String task, long total, String unit) {
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1).showSpeed()
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(err, WIDTH)).build();
    }

    @Override
    public void stepTo(long done) {
        bar.stepTo(done);
    }

    @Override
    public void step() {
        bar.step();
    }

    @Override
    public void total(long total) {
        bar.maxHint(total);
    }

    @Override
    public void message(String text) {
        bar.setExtraMessage(" " + text);
    }

    @Override
    public void close() {
        bar.close();
    }
}
