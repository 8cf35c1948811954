package io.paydr.ingest.handler;

import static io.paydr.ingest.handler.TestStack.event;
import static io.paydr.ingest.handler.TestStack.record;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paydr.contract.ContentEncoding;
import io.paydr.contract.PaymentTransaction;
import io.paydr.devstack.DevRegion;
import io.paydr.ingest.handler.TestStack.Payload;
import io.paydr.ingest.internal.BatchOutcome;
import io.paydr.ingest.internal.IngestRuntime;
import io.paydr.aws.DataApiExecutor;
import io.paydr.aws.Deadline;
import io.paydr.ingest.payload.ReceivedMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.IntStream;

/**
 * The ingest benchmark on devstack (see functions/ingest/README.md for the command). Prints, measured side by side
 * in one run: end-to-end rows/s of the SQS handler for 1k, 10k and 100k-record payloads next to a bare PostgreSQL
 * COPY FROM STDIN of the same rows into the same database and next to one Data API INSERT per row; Data API calls
 * per invocation for 1 and 10 messages; cold start and peak heap of the deployment jar in fresh JVMs; jar size.
 */
public final class IngestBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter COPY_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    private static final int NAIVE_ROWS = 200;

    private final TestStack stack = new TestStack();
    private final Map<String, String> env = stack.environment(DevRegion.PRIMARY, Map.of());
    private final SqsIngestHandler handler = new SqsIngestHandler(stack.config(DevRegion.PRIMARY, Map.of()));
    private final BaselineLoads baselines = new BaselineLoads(stack);
    /** Every S3 payload by COPY: shows the 1k figure without devstack's cost for large INSERT statements. */
    private final SqsIngestHandler copyOnlyHandler = new SqsIngestHandler(stack.config(DevRegion.PRIMARY,
            Map.of("COPY_THRESHOLD_BYTES", "1")));
    private int sequence;

    public static void main(String[] args) throws Exception {
        Path moduleDir = Files.isDirectory(Path.of("functions/ingest/target")) ? Path.of("functions/ingest")
                : Path.of(".");
        try {
            new IngestBenchmark().run(moduleDir);
        } catch (Exception | Error e) {
            // devstack's servers run on non-daemon threads: without the exit a failed run would hang, not fail
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private void run(Path moduleDir) throws Exception {
        out("paydr ingest benchmark on devstack (2 cores shared, JDK " + Runtime.version().feature()
                + "; embedded PostgreSQL runs with fsync and synchronous_commit off)");
        warmUp();
        Map<Integer, Double> e2e = new TreeMap<>();
        Map<Integer, Double> bare = new TreeMap<>();
        Map<Integer, Double> target = new TreeMap<>();
        for (int size : new int[] {1_000, 10_000, 100_000}) {
            int repetitions = size == 100_000 ? 2 : 3;
            e2e.put(size, median(repetitions, () -> endToEnd(handler, size)));
            bare.put(size, median(repetitions, () -> baselines.intoEmptyTable(size)));
            target.put(size, median(repetitions, () -> baselines.intoTarget(size)));
            double exactlyOnce = median(repetitions, () -> baselines.exactlyOnce(size));
            out(String.format("%,7d records/payload: handler end-to-end %,9.0f rows/s", size, e2e.get(size)));
            out(String.format("    limits over JDBC, same rows:  COPY FROM STDIN into an empty table %,9.0f rows/s"
                    + " (ratio %.2f) | into the target table %,9.0f rows/s (ratio %.2f) | the loader's exactly-once SQL"
                    + " %,9.0f rows/s (ratio %.2f)", bare.get(size), e2e.get(size) / bare.get(size), target.get(size),
                    e2e.get(size) / target.get(size), exactlyOnce, e2e.get(size) / exactlyOnce));
            out(String.format("    ceiling for any loader running this SQL on this database: %.2f x the empty-table COPY,"
                    + " %.2f x the target-table COPY", exactlyOnce / bare.get(size), exactlyOnce / target.get(size)));
            if (size >= 10_000) {
                int runs = size == 100_000 ? 3 : 5;
                out("    where the time of one invocation goes (median of " + runs
                        + "; LoadLatency and DescribeStatement durations):");
                new PhaseBreakdown(stack).measure(size, runs).forEach(IngestBenchmark::out);
            }
            if (size == 1_000) {
                double copied = median(repetitions, () -> endToEnd(copyOnlyHandler, size));
                out(String.format("    1,000 records/payload loaded by COPY (COPY_THRESHOLD_BYTES=1): %,9.0f rows/s"
                        + "  (the default path above loads a payload this small by multi-row INSERT)", copied));
            }
        }
        double sustained = sustained(10_000, 2, 12);
        out(String.format("sustained, 10k-record payloads, 2 invocations in flight (Lambda's minimum"
                + " MaximumConcurrency): %,9.0f rows/s (ratio %.2f to the empty table, %.2f to the target table)",
                sustained, sustained / bare.get(10_000), sustained / target.get(10_000)));
        dataApiFloor();
        double naive = naiveRate();
        out(String.format("naive one Data API INSERT per row: %,.0f rows/s (%d rows measured, rate extrapolated)",
                naive, NAIVE_ROWS));
        callsPerInvocation();
        Probe cold = probe(moduleDir, tenMessageEvent(), Map.of("COPY_THRESHOLD_BYTES", "1"));
        Probe heap = probe(moduleDir, oneMessageEvent(100_000), Map.of());
        long jar = Files.size(moduleDir.resolve("target/paydr-ingest.jar"));
        out(String.format("cold start (fresh JVM, -Xmx256m, deployment jar; 10 messages of 1k records, by COPY): JVM start"
                + " to main %d ms + handler built %d ms + first event %d ms = %d ms (failures: %d)", cold.jvmToMain,
                cold.built, cold.firstEvent,
                cold.jvmToMain + cold.built + cold.firstEvent, cold.failures));
        out(String.format("peak heap for one 100k-record payload (fresh JVM, -Xmx256m): %.1f MB (sum of heap pool"
                + " peaks; failures: %d)", heap.peakHeap / 1e6, heap.failures));
        out(String.format("deployment jar target/paydr-ingest.jar: %.1f MB", jar / 1e6));
        out("");
        goal("end-to-end >= 0.5 x bare COPY at 10k", e2e.get(10_000) / bare.get(10_000) >= 0.5,
                String.format("%.2f x", e2e.get(10_000) / bare.get(10_000)));
        goal("  (same, COPY into the target table)", e2e.get(10_000) / target.get(10_000) >= 0.5,
                String.format("%.2f x", e2e.get(10_000) / target.get(10_000)));
        goal("end-to-end >= 50 x naive at 10k", e2e.get(10_000) / naive >= 50,
                String.format("%.0f x", e2e.get(10_000) / naive));
        goal("peak heap <= 256 MB at 100k", heap.peakHeap <= 256e6 && heap.failures == 0,
                String.format("%.1f MB", heap.peakHeap / 1e6));
        goal("cold start <= 1.5 s", cold.jvmToMain + cold.built + cold.firstEvent <= 1500,
                (cold.jvmToMain + cold.built + cold.firstEvent) + " ms");
        goal("jar <= 20 MB", jar <= 20e6, String.format("%.1f MB", jar / 1e6));
    }

    private void warmUp() {
        for (int i = 0; i < 3; i++) {
            endToEnd(handler, 1_000);
            endToEnd(handler, 10_000);
            endToEnd(copyOnlyHandler, 1_000);
        }
    }

    /** Publishes a fresh payload (not timed) and times the handler loading it; returns rows/s. */
    private double endToEnd(SqsIngestHandler handler, int size) {
        Payload payload = stack.publish(stack.sourceBucket, TestStack.payments("e2e" + (sequence++) + "x" + size, size),
                ContentEncoding.GZIP);
        SQSEvent event = event(record("sqs-pointer", payload, "m-" + sequence));
        long started = System.nanoTime();
        SQSBatchResponse response = handler.handleRequest(event, null);
        long elapsed = System.nanoTime() - started;
        require(response.getBatchItemFailures().isEmpty(), "end-to-end load failed");
        return size / (elapsed / 1e9);
    }

    /**
     * Rows/s of {@code invocations} handlers (one per Lambda execution environment) taking one-message events off a
     * shared backlog of {@code payloads} payloads until it is empty: verification of one overlaps the load of another.
     */
    private double sustained(int size, int invocations, int payloads) throws Exception {
        BlockingQueue<SQSEvent> backlog = new LinkedBlockingQueue<>();
        for (int i = 0; i < payloads; i++) {
            Payload p = stack.publish(stack.sourceBucket, TestStack.payments("sustained" + (sequence++), size),
                    ContentEncoding.GZIP);
            backlog.add(event(record("sqs-pointer", p, "m-sustained-" + sequence)));
        }
        List<SqsIngestHandler> handlers = IntStream.range(0, invocations)
                .mapToObj(i -> new SqsIngestHandler(stack.config(DevRegion.PRIMARY, Map.of()))).toList();
        ExecutorService environments = Executors.newFixedThreadPool(invocations);
        try {
            long started = System.nanoTime();
            List<Future<?>> running = handlers.stream().<Future<?>>map(h -> environments.submit(() -> {
                for (SQSEvent e = backlog.poll(); e != null; e = backlog.poll()) {
                    require(h.handleRequest(e, null).getBatchItemFailures().isEmpty(), "sustained load failed");
                }
            })).toList();
            for (Future<?> f : running) {
                f.get();
            }
            return (double) size * payloads / ((System.nanoTime() - started) / 1e9);
        } finally {
            environments.shutdownNow();
        }
    }

    /**
     * What any load through devstack's Data API pays before our SQL does anything: the round trip of a trivial
     * statement, and a bare COPY of a 10k-record gzip payload from S3 through the Data API into an empty table.
     */
    private void dataApiFloor() {
        try (IngestRuntime runtime = IngestRuntime.create(stack.config(DevRegion.PRIMARY, Map.of()))) {
            DataApiExecutor executor = runtime.executor();
            double[] roundTrips = IntStream.range(0, 5).mapToDouble(i -> {
                long started = System.nanoTime();
                executor.execute("SELECT 1", Map.of(), Deadline.after(Duration.ofMinutes(1)));
                return (System.nanoTime() - started) / 1e6;
            }).sorted().toArray();
            double copyRate = median(3, () -> {
                Payload p = stack.publish(stack.sourceBucket, TestStack.payments("floor" + (sequence++), 10_000),
                        ContentEncoding.GZIP);
                String table = stack.schema + ".floor_" + sequence;
                stack.execute(DevRegion.PRIMARY, "CREATE TABLE " + table + " (LIKE " + stack.schema + ".payments)");
                long started = System.nanoTime();
                executor.executeBatch(List.of("COPY " + table + " FROM 's3://" + p.bucket() + "/" + p.key()
                        + "' IAM_ROLE default FORMAT AS JSON 'auto' TIMEFORMAT 'auto' GZIP"),
                        Deadline.after(Duration.ofMinutes(1)));
                return 10_000 / ((System.nanoTime() - started) / 1e9);
            });
            out(String.format("devstack Data API floor: trivial statement round trip %.0f ms (median of 5); COPY of a"
                    + " 10k-record gzip payload through the Data API alone %,.0f rows/s", roundTrips[2], copyRate));
        }
    }

    /** One ExecuteStatement per row, each awaited, as a naive loader would; returns rows/s. */
    private double naiveRate() {
        try (IngestRuntime runtime = IngestRuntime.create(stack.config(DevRegion.PRIMARY, Map.of()))) {
            DataApiExecutor executor = runtime.executor();
            String sql = "INSERT INTO " + stack.schema + ".payments (transaction_id, merchant_id, amount_minor, currency,"
                    + " status, occurred_at, source_region) VALUES (:id, :merchant, CAST(:amount AS BIGINT), :currency,"
                    + " :status, CAST(:occurred AS TIMESTAMP), :region)";
            List<PaymentTransaction> rows = TestStack.payments("naive", NAIVE_ROWS);
            long started = System.nanoTime();
            for (PaymentTransaction r : rows) {
                Map<String, String> p = new HashMap<>();
                p.put("id", r.transactionId());
                p.put("merchant", r.merchantId());
                p.put("amount", Long.toString(r.amountMinor()));
                p.put("currency", r.currency());
                p.put("status", r.status().name());
                p.put("occurred", COPY_TIME.format(r.occurredAt()));
                p.put("region", r.sourceRegion());
                executor.execute(sql, p, Deadline.after(Duration.ofMinutes(1)));
            }
            return NAIVE_ROWS / ((System.nanoTime() - started) / 1e9);
        }
    }

    /**
     * Data API calls of one invocation, by operation, for 1 and 10 messages: small payloads (INSERT path) and 10k
     * payloads (COPY path). Submissions are constant; DescribeStatement polls follow the statements' duration.
     */
    private void callsPerInvocation() {
        try (IngestRuntime runtime = IngestRuntime.create(stack.config(DevRegion.PRIMARY, Map.of()))) {
            for (int size : new int[] {100, 10_000}) {
                for (int messages : new int[] {1, 10}) {
                    List<JsonNode> records = new ArrayList<>();
                    for (int m = 0; m < messages; m++) {
                        Payload p = stack.publish(stack.sourceBucket, TestStack.payments("calls" + (sequence++), size),
                                ContentEncoding.GZIP);
                        records.add(record("sqs-pointer", p, "m-calls-" + sequence));
                    }
                    List<ReceivedMessage> received = event(records.toArray(JsonNode[]::new)).getRecords().stream()
                            .map(ReceivedMessage::fromLambda).toList();
                    Map<String, Long> before = runtime.executor().callsByOperation();
                    BatchOutcome outcome = runtime.pipeline().process(received, Deadline.after(Duration.ofMinutes(10)), true);
                    require(outcome.failedMessageIds().isEmpty(), "calls measurement load failed");
                    Map<String, Long> calls = new TreeMap<>(runtime.executor().callsByOperation());
                    before.forEach((op, n) -> calls.merge(op, -n, Long::sum));
                    calls.values().removeIf(n -> n == 0);
                    out(String.format("Data API calls, %2d message(s) of %,6d records: %2d in %d transaction(s) %s",
                            messages, size, outcome.dataApiCalls(), outcome.transactions(), calls));
                }
            }
        }
    }

    private record Probe(long jvmToMain, long built, long firstEvent, int failures, long peakHeap) {
    }

    private Path tenMessageEvent() throws IOException {
        List<JsonNode> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Payload p = stack.publish(stack.sourceBucket, TestStack.payments("cold" + (sequence++), 1_000),
                    ContentEncoding.GZIP);
            records.add(record("sqs-pointer", p, "m-cold-" + i));
        }
        return eventFile(records);
    }

    private Path oneMessageEvent(int size) throws IOException {
        Payload p = stack.publish(stack.sourceBucket, TestStack.payments("heap" + (sequence++), size), ContentEncoding.GZIP);
        return eventFile(List.of(record("sqs-pointer", p, "m-heap")));
    }

    private static Path eventFile(List<JsonNode> records) throws IOException {
        Path file = Files.createTempFile("paydr-event", ".json");
        file.toFile().deleteOnExit();
        Files.writeString(file, JSON.createObjectNode().set("Records", JSON.valueToTree(records)).toString());
        return file;
    }

    /** Runs {@link ColdStartProbe} on the deployment jar in a fresh JVM with Lambda's JIT settings and 256 MB heap. */
    private Probe probe(Path moduleDir, Path eventFile, Map<String, String> overrides) throws Exception {
        String testClasses = Path.of(ColdStartProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-cp",
                moduleDir.resolve("target/paydr-ingest.jar") + java.io.File.pathSeparator + testClasses,
                ColdStartProbe.class.getName(), eventFile.toString());
        builder.environment().putAll(env);
        builder.environment().putAll(overrides);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        String line = output.lines().filter(l -> l.startsWith("PROBE ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("probe failed:\n" + output));
        JsonNode p = JSON.readTree(line.substring("PROBE ".length()));
        return new Probe(p.get("jvmStartToMainMs").asLong(), p.get("handlerBuiltMs").asLong(),
                p.get("firstEventMs").asLong(), p.get("failures").asInt(), p.get("peakHeapBytes").asLong());
    }

    private interface Measurement {
        double run();
    }

    private static double median(int repetitions, Measurement measurement) {
        double[] values = IntStream.range(0, repetitions).mapToDouble(i -> measurement.run()).toArray();
        Arrays.sort(values);
        return values[values.length / 2];
    }

    private static void goal(String name, boolean met, String measured) {
        out(String.format("goal %-42s %-10s %s", name, measured, met ? "MET" : "NOT MET"));
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException(problem);
        }
    }

    private static void out(String line) {
        System.out.println(line);
    }
}
