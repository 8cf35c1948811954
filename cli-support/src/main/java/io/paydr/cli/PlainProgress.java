package io.paydr.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress as plain lines for logs and pipes: {@code task: 12/20 batches (60%) extra}. A line is printed when the
 * task starts, then when the counts or the message changed and at least the interval has passed since the last line,
 * and at the end only if the final state was not the last line printed. So waiting at 100 % prints nothing more, and
 * no line carries a carriage return.
 */
final class PlainProgress implements Progress {

    private final PrintStream err;
    private final String task;
    private final String unit;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private long total;
    private long done;
    private String message = "";
    private String lastLine;
    private long lastPrinted;
    private boolean closed;

    PlainProgress(PrintStream err, String task, long total, String unit, long intervalMillis, LongSupplier nanoTime) {
        this.err = err;
        this.task = task;
        this.total = total;
        this.unit = unit;
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.nanoTime = nanoTime;
        print(render());
    }

    @Override
    public synchronized void stepTo(long done) {
        this.done = done;
        maybePrint();
    }

    @Override
    public synchronized void step() {
        stepTo(done + 1);
    }

    @Override
    public synchronized void total(long total) {
        this.total = total;
        maybePrint();
    }

    @Override
    public synchronized void message(String text) {
        this.message = text == null ? "" : text;
        maybePrint();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        String line = render();
        if (!line.equals(lastLine)) {
            print(line);
        }
    }

    private void maybePrint() {
        if (closed) {
            return;
        }
        String line = render();
        if (!line.equals(lastLine) && nanoTime.getAsLong() - lastPrinted >= intervalNanos) {
            print(line);
        }
    }

    private void print(String line) {
        err.println(line);
        err.flush();
        lastLine = line;
        lastPrinted = nanoTime.getAsLong();
    }

    private String render() {
        StringBuilder line = new StringBuilder(task).append(": ").append(done);
        if (total > 0) {
            line.append('/').append(total).append(' ').append(unit)
                    .append(String.format(Locale.ROOT, " (%d%%)", Math.min(100, done * 100 / total)));
        } else {
            line.append(' ').append(unit);
        }
        if (!message.isEmpty()) {
            line.append("  ").append(message);
        }
        return line.toString();
    }
}
