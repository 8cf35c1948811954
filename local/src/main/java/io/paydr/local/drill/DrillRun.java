package io.paydr.local.drill;

import io.paydr.cli.Console;
import io.paydr.cli.Progress;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.local.generator.PaymentGenerator;
import io.paydr.local.pipeline.LocalPipeline;
import io.paydr.local.pipeline.PaymentStream;
import io.paydr.local.pipeline.Verdict;
import io.paydr.local.pipeline.Verification;
import io.paydr.local.pipeline.TimeWindow;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The part every drill shares: the pipeline, the payment application publishing continuously in the
 * background, a fault switched on and off on schedule while a sampler watches, and the final verdict.
 * Progress and the fault's ON/OFF moments go to the console's stderr.
 */
final class DrillRun implements AutoCloseable {

    private static final long TICK_MILLIS = 200;
    /** Publishes in flight at once; a drill publishes at a steady pace, so two keep up with it. */
    private static final int PUBLISHES_IN_FLIGHT = 2;

    private final LocalPipeline pipeline;
    private final DrillOptions options;
    private final Console console;
    private Instant start;

    DrillRun(Devstack devstack, DrillOptions options, Console console) {
        this.pipeline = LocalPipeline.start(devstack, options.pipeline());
        this.options = options;
        this.console = console;
    }

    Console console() {
        return console;
    }

    LocalPipeline pipeline() {
        return pipeline;
    }

    /** When publishing started: the chart's time zero. */
    Instant start() {
        return start;
    }

    /**
     * Publishes for the drill's duration while {@code begin}/{@code end} switch the fault on schedule and
     * {@code sampler} is called every 200 ms; returns when the fault was in force.
     */
    TimeWindow publishThroughFault(String faultName, Runnable begin, Runnable end, Consumer<Instant> sampler) {
        long expected = (long) (options.duration().toSeconds() * options.batchesPerSecond());
        // event time runs with the wall clock: payments occur at the rate they are published
        PaymentGenerator generator = PaymentGenerator.builder().seed(options.seed())
                .sourceRegion(DevRegion.PRIMARY.id()).start(Instant.now())
                .eventsPerSecond(options.batchesPerSecond() * options.recordsPerBatch()).build();
        PaymentStream stream = new PaymentStream(pipeline.publisher(), generator, pipeline.published(),
                options.recordsPerBatch(), options.batchesPerSecond(), PUBLISHES_IN_FLIGHT);
        start = Instant.now();
        BackgroundPublishing app = new BackgroundPublishing(stream, options.duration());
        FaultSchedule schedule = new FaultSchedule(start, options.faultAfter(), options.faultLength(),
                () -> announce(faultName + ": ON", begin), () -> announce(faultName + ": OFF", end));
        try (Progress bar = console.progress("drill", expected, "batches")) {
            while (!app.finished() || !schedule.finished()) {
                Instant now = Instant.now();
                schedule.tick(now);
                sampler.accept(now);
                bar.stepTo(app.batches());
                bar.message(schedule.phase(faultName));
                sleep(TICK_MILLIS);
            }
        }
        app.join();
        return schedule.window();
    }

    /** Waits for both Regions to load everything (sampling on), then judges. */
    Verdict finish(Consumer<Instant> sampler) {
        Verification verification = new Verification(pipeline);
        boolean loaded = verification.awaitLoaded(options.loadTimeout(), counts -> sampler.accept(Instant.now()));
        return verification.verify(start, loaded);
    }

    double secondsSinceStart(Instant t) {
        return Duration.between(start, t).toMillis() / 1000.0;
    }

    @Override
    public void close() {
        pipeline.close();
    }

    private void announce(String what, Runnable action) {
        action.run();
        // a live bar holds the line: start a new one, as a plain log needs not
        console.err().printf(Locale.ROOT, (console.liveProgress() ? "%n" : "") + "t+%.1f s  %s%n",
                secondsSinceStart(Instant.now()), what);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("drill interrupted", e);
        }
    }
}
