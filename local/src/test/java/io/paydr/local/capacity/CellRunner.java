package io.paydr.local.capacity;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.devstack.redshift.DataApiStats;
import io.paydr.devstack.redshift.WarehouseProfile;
import io.paydr.local.eventsource.EventSourceSettings;
import io.paydr.local.eventsource.SqsEventSourcePoller;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Runs one cell: a loader behind the event source emulation (local's {@link SqsEventSourcePoller}, Lambda's SQS
 * event source mapping) on a queue of its own. Phase 1 drains a backlog and gives the sustained rate, the Data API
 * calls per invocation and per second, throttles and retries. Phase 2 publishes at half that rate for a while and
 * gives the ingest lag (the RPO) at that load. The function's timeout is the template's (60 s).
 */
final class CellRunner {

    /**
     * One cell to run: the event source settings, the backlog ({@code backlog} payloads sent before the mapping is
     * enabled, more than the loader can take in {@code window}), the measured window and the lag phase (zero: none).
     */
    record Spec(String loader, int concurrency, int records, int batchSize, Duration batchingWindow, int backlog,
                Duration window, Duration lagPhase) {
    }

    /** How long the lag phase waits for its payloads after the last was sent. */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(90);

    private final Devstack devstack;
    private final DevRegion region;
    private final SqsClient sqs;
    private final Payloads payloads;
    private final PrintStream progress;
    private final AtomicLong queues = new AtomicLong();

    CellRunner(Devstack devstack, DevRegion region, SqsClient sqs, Payloads payloads, PrintStream progress) {
        this.devstack = devstack;
        this.region = region;
        this.sqs = sqs;
        this.payloads = payloads;
        this.progress = progress;
    }

    /** Per-invocation records of one phase. */
    private static final class Invocations {
        final List<Long> calls = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong throttleRetries = new AtomicLong();
        final AtomicLong failed = new AtomicLong();

        RequestHandler<SQSEvent, SQSBatchResponse> around(RequestHandler<SQSEvent, SQSBatchResponse> loader) {
            return (event, context) -> {
                DataApiCallCounter.begin();
                int failures = event.getRecords().size();
                try {
                    SQSBatchResponse response = loader.handleRequest(event, context);
                    failures = response == null || response.getBatchItemFailures() == null ? 0
                            : response.getBatchItemFailures().size();
                    return response;
                } finally {
                    DataApiCallCounter.Calls c = DataApiCallCounter.end();
                    calls.add(c.total());
                    failed.addAndGet(failures);
                    if (c.throttled() > 0) {
                        throttleRetries.addAndGet(failures);
                    }
                }
            };
        }
    }

    /**
     * Drains a backlog for a fixed window: the sustained rate is what committed in it (messages deleted; for a loader
     * that never finishes a payload, rows over the payload size). A window rather than "until empty", because a loader
     * past its knee times out and sends messages back, which then wait out the queue's visibility timeout.
     */
    CellResult run(Spec spec, RequestHandler<SQSEvent, SQSBatchResponse> loader, LongSupplier rowsLoaded,
                   Runnable windowEnded) {
        EventSourceSettings settings = EventSourceSettings.builder().functionName("capacity-" + spec.loader())
                .batchSize(spec.batchSize()).batchingWindow(spec.batchingWindow())
                .maximumConcurrency(spec.concurrency()).waitTimeSeconds(1).functionTimeout(Duration.ofSeconds(60))
                .build();
        progress.printf("  %s c=%d %dk: writing a backlog of %d payloads%n", spec.loader(), spec.concurrency(),
                spec.records() / 1000, spec.backlog());
        List<Payloads.Payload> backlogPayloads = payloads.put(spec.backlog(), spec.records());
        String queue = queue();
        payloads.send(queue, backlogPayloads);

        Invocations invocations = new Invocations();
        DataApiStats before = devstack.dataApiStats(region);
        long rowsBefore = rowsLoaded.getAsLong();
        long started = System.nanoTime();
        SqsEventSourcePoller poller = poller(queue, invocations.around(loader), settings).start();
        // the steady rate counts from the first commit: until then the cell measures the first load's latency
        long end = started + spec.window().toNanos();
        long firstAt = 0;
        long firstDeleted = 0;
        List<long[]> commits = new ArrayList<>();
        long seen = 0;
        while (System.nanoTime() < end) {
            long d = poller.stats().deleted();
            if (firstAt == 0 && d > 0) {
                firstAt = System.nanoTime();
                firstDeleted = d;
            }
            if (d > seen) {
                commits.add(new long[] {System.nanoTime(), d - seen});
                seen = d;
            }
            sleep(Duration.ofMillis(50));
        }
        double seconds = elapsed(started);
        int deleted = (int) poller.stats().deleted();
        long rows = rowsLoaded.getAsLong() - rowsBefore;
        DataApiStats during = devstack.dataApiStats(region).since(before);
        List<Long> calls = new ArrayList<>(invocations.calls);
        long throttleRetries = invocations.throttleRetries.get();
        long failed = invocations.failed.get();
        poller.stopPolling();
        windowEnded.run();
        boolean finishesPayloads = deleted > 0;
        double windowRate = !finishesPayloads ? rows / seconds / spec.records()
                : firstAt > 0 && deleted > firstDeleted ? (deleted - firstDeleted) / elapsed(firstAt) : deleted / seconds;
        double payloadsPerSecond = finishesPayloads ? steadyRate(commits).orElse(windowRate) : windowRate;
        progress.printf("  %s c=%d %dk: %.2f payloads/s steady, %.2f over the window from the first commit, in %.0f s"
                + " (%d invocations, %d messages sent back)%n", spec.loader(), spec.concurrency(),
                spec.records() / 1000, payloadsPerSecond, windowRate, seconds, calls.size(), failed);
        poller.close();

        double rate = 0;
        double[] lag = {-1, -1};
        if (!spec.lagPhase().isZero() && payloadsPerSecond > 0) {
            rate = payloadsPerSecond / 2;
            lag = lagAt(rate, spec, loader, settings);
        }
        WarehouseProfile profile = devstack.warehouseProfile();
        Map<String, Double> perSecond = new TreeMap<>();
        Map<String, Double> quota = new TreeMap<>();
        during.requests().forEach((op, n) -> {
            perSecond.put(op, n / seconds);
            quota.put(op, profile.ratePerSecond(op));
        });
        Collections.sort(calls);
        return new CellResult(spec.loader(), region.id(), spec.concurrency(), spec.records(), spec.batchSize(),
                spec.batchingWindow().toMillis() / 1000.0, finishesPayloads ? deleted : (int) (rows / spec.records()),
                seconds, payloadsPerSecond, windowRate, finishesPayloads ? payloadsPerSecond * spec.records() : rows / seconds,
                perSecond, quota, during.throttled(), median(calls), calls.isEmpty() ? 0 : calls.get(calls.size() - 1),
                calls.size(), throttleRetries, failed, rate, lag[0], lag[1], during.commits(),
                during.commits() * profile.commitMillis() / (seconds * 1000),
                during.commits() == 0 ? 0 : (double) during.commitWaitMillis() / during.commits());
    }

    /**
     * Publishes at {@code rate} payloads per second for the lag phase (objects written beforehand, so sending is
     * all that happens on time), then waits for them to load; returns the lag's p50 and p99 in seconds.
     */
    private double[] lagAt(double rate, Spec spec, RequestHandler<SQSEvent, SQSBatchResponse> loader,
                           EventSourceSettings settings) {
        int count = Math.max(1, (int) Math.round(rate * spec.lagPhase().toSeconds()));
        progress.printf("  %s c=%d %dk: lag at %.2f payloads/s (half the sustained rate), %d payloads over %d s%n",
                spec.loader(), spec.concurrency(), spec.records() / 1000, rate, count, spec.lagPhase().toSeconds());
        List<Payloads.Payload> timed = payloads.put(count, spec.records());
        String queue = queue();
        SqsEventSourcePoller poller = poller(queue, loader, settings).start();
        long interval = (long) (1e9 / rate);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                sleep(Duration.ofNanos(wait));
            }
            payloads.send(queue, timed.subList(i, i + 1));
        }
        long deadline = System.nanoTime() + DRAIN_LIMIT.toNanos();
        while (poller.stats().deleted() < count && System.nanoTime() < deadline) {
            sleep(Duration.ofMillis(100));
        }
        poller.stopPolling();
        if (poller.stats().deleted() < count) {
            poller.close();
            progress.printf("  %s: only %d of %d loaded %d s after the last was sent: at this rate the lag grows"
                    + " without bound%n", spec.loader(), poller.stats().deleted(), count, DRAIN_LIMIT.toSeconds());
            return new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        }
        poller.close();
        return new double[] {poller.lag().percentileMillis(50) / 1000.0, poller.lag().percentileMillis(99) / 1000.0};
    }

    private SqsEventSourcePoller poller(String queue, RequestHandler<SQSEvent, SQSBatchResponse> handler,
                                        EventSourceSettings settings) {
        return SqsEventSourcePoller.builder().sqs(sqs).queueUrl(queue).regionId(region.id()).handler(handler)
                .settings(settings).build();
    }

    /** A queue of its own per phase: leftovers (messages sent back) never leak into the next measurement. */
    private String queue() {
        String name = "capacity-" + ProcessHandle.current().pid() + "-" + queues.incrementAndGet();
        return sqs.createQueue(r -> r.queueName(name).attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "360")))
                .queueUrl();
    }

    /**
     * The rate at which the line of loads commits once it runs: the median over consecutive commits of the payloads
     * a commit deleted over the time since the one before. The window's rate from the first commit also holds the
     * first round, where all MaximumConcurrency invocations verify at once on this machine's two shared cores (on
     * Lambda each has its own vCPUs): a start-up cost of the bench, not of the warehouse. Empty under 3 commits.
     */
    static OptionalDouble steadyRate(List<long[]> commits) {
        if (commits.size() < 3) {
            return OptionalDouble.empty();
        }
        List<Double> rates = new ArrayList<>();
        for (int i = 1; i < commits.size(); i++) {
            rates.add(commits.get(i)[1] / ((commits.get(i)[0] - commits.get(i - 1)[0]) / 1e9));
        }
        Collections.sort(rates);
        int n = rates.size();
        return OptionalDouble.of(n % 2 == 1 ? rates.get(n / 2) : (rates.get(n / 2 - 1) + rates.get(n / 2)) / 2);
    }

    private static double median(List<Long> sorted) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    private static double elapsed(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
