package io.paydr.local.capacity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paydr.devstack.redshift.WarehouseProfile;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The benchmark's figures: one line per cell, then the summary issue 14 asks for, judged against its goals (at
 * MaximumConcurrency 10 with 10k-record payloads: no message retried because of throttling, at most 2 Data API calls
 * per invocation at the median, at least 3 times the one-COPY-per-payload loader's rate, RPO p99 at most 10 s at half
 * the peak rate).
 */
final class CapacityReport {

    static final int FOCUS_CONCURRENCY = 10;
    static final int FOCUS_RECORDS = 10_000;

    private final List<CellResult> cells;
    private final List<String> failed;
    private final boolean quick;
    private final Instant finishedAt;
    private final WarehouseProfile profile;
    private final double seconds;

    CapacityReport(List<CellResult> cells, List<String> failed, boolean quick, Instant finishedAt,
                   WarehouseProfile profile, double seconds) {
        this.cells = List.copyOf(cells);
        this.failed = List.copyOf(failed);
        this.quick = quick;
        this.finishedAt = finishedAt;
        this.profile = profile;
        this.seconds = seconds;
    }

    Optional<CellResult> cell(String loader, int concurrency, int records) {
        return cells.stream().filter(c -> c.loader().equals(loader) && c.concurrency() == concurrency
                && c.records() == records).findFirst();
    }

    /** The smallest concurrency whose rate is within 10 % of paydr's best for 10k-record payloads; empty if one ran. */
    Optional<Integer> kneeConcurrency() {
        List<CellResult> series = cells.stream().filter(c -> c.loader().equals("paydr") && c.records() == FOCUS_RECORDS)
                .toList();
        if (series.size() < 2) {
            return Optional.empty();
        }
        double best = series.stream().mapToDouble(CellResult::payloadsPerSecond).max().orElse(0);
        return series.stream().filter(c -> c.payloadsPerSecond() >= 0.9 * best).map(CellResult::concurrency).min(Integer::compare);
    }

    double throughputVsCopyPerPayload() {
        double paydr = cell("paydr", FOCUS_CONCURRENCY, FOCUS_RECORDS).map(CellResult::payloadsPerSecond).orElse(Double.NaN);
        double copy = cell("copy-per-payload", FOCUS_CONCURRENCY, FOCUS_RECORDS).map(CellResult::payloadsPerSecond)
                .orElse(Double.NaN);
        return paydr / copy;
    }

    void print(PrintStream out) {
        out.printf("capacity benchmark, %s, warehouse profile %s, %s, %.0f s%n", quick ? "--quick" : "full",
                profile.name(), finishedAt, seconds);
        out.println("loader            Region     conc records batch payloads/s    rows/s calls/inv p50/max"
                + "  throttled  thr.retries  lag p50/p99 (s) at rate  commit queue busy/wait  Data API calls/s (quota)");
        for (CellResult c : cells) {
            out.println(line(c));
        }
        failed.forEach(f -> out.println("FAILED cell " + f));
        CellResult focus = cell("paydr", FOCUS_CONCURRENCY, FOCUS_RECORDS).orElseThrow();
        out.printf("paydr at concurrency %d, %dk records: calls/invocation p50 %.1f (goal <= 2: %s), messages retried"
                        + " for throttling %d (goal 0: %s), %.2f x one-COPY-per-payload (goal >= 3: %s), RPO p99 %.1f s"
                        + " at half the peak rate (goal <= 10: %s); knee at concurrency %s%n",
                FOCUS_CONCURRENCY, FOCUS_RECORDS / 1000, focus.callsPerInvocationP50(),
                verdict(focus.callsPerInvocationP50() <= 2), focus.throttleRetries(), verdict(focus.throttleRetries() == 0),
                throughputVsCopyPerPayload(), verdict(throughputVsCopyPerPayload() >= 3), focus.lagP99Seconds(),
                verdict(focus.lagP99Seconds() <= 10), kneeConcurrency().map(String::valueOf).orElse("n/a (one concurrency)"));
    }

    /** One cell's line of the table. */
    static String line(CellResult c) {
        String lag = c.lagP99Seconds() < 0 ? "-" : String.format("%.1f/%.1f at %.2f/s", c.lagP50Seconds(),
                c.lagP99Seconds(), c.rpoRatePerSecond());
        String calls = c.invocations() == 0 ? "none ended" : String.format("%.1f/%d", c.callsPerInvocationP50(),
                c.callsPerInvocationMax());
        return String.format("%-17s %-10s %4d %7d %5d %10.2f %9.0f %17s %9d %12d  %-24s %4.0f%% %7.0f ms      %s",
                c.loader(), c.region(), c.concurrency(), c.records(), c.batchSize(), c.payloadsPerSecond(),
                c.rowsPerSecond(), calls, c.throttledTotal(), c.throttleRetries(), lag, 100 * c.commitBusy(),
                c.commitWaitMillis(), rates(c));
    }

    private static String verdict(boolean met) {
        return met ? "met" : "NOT met";
    }

    private static String rates(CellResult c) {
        return c.callsPerSecond().entrySet().stream().map(e -> String.format("%s %.1f (%.0f)",
                        e.getKey().replace("Statement", "").replace("Result", "Res"), e.getValue(),
                        c.quotaPerSecond().getOrDefault(e.getKey(), 0.0)))
                .collect(Collectors.joining(", "));
    }

    void writeJson(Path file) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        CellResult focus = cell("paydr", FOCUS_CONCURRENCY, FOCUS_RECORDS).orElseThrow();
        root.put("mode", quick ? "quick" : "full");
        root.put("finished_at", finishedAt.toString());
        root.put("warehouse_profile", profile.name());
        root.put("seconds", seconds);
        root.put("region", focus.region());
        root.put("data_api_calls_per_invocation_p50", focus.callsPerInvocationP50());
        root.put("data_api_calls_per_invocation_max", focus.callsPerInvocationMax());
        root.put("throttle_retries", focus.throttleRetries());
        root.put("throttled_requests", focus.throttledTotal());
        root.put("throughput_vs_copy_per_payload", throughputVsCopyPerPayload());
        root.put("rpo_p50_seconds", focus.lagP50Seconds());
        root.put("rpo_p99_seconds", focus.lagP99Seconds());
        root.put("rpo_rate_payloads_per_second", focus.rpoRatePerSecond());
        kneeConcurrency().ifPresentOrElse(k -> root.put("knee_concurrency", k), () -> root.putNull("knee_concurrency"));
        ObjectNode goals = root.putObject("goals");
        goals.put("no_throttle_retries", focus.throttleRetries() == 0);
        goals.put("calls_per_invocation_p50_at_most_2", focus.callsPerInvocationP50() <= 2);
        goals.put("at_least_3x_copy_per_payload", throughputVsCopyPerPayload() >= 3);
        goals.put("rpo_p99_at_most_10_seconds", focus.lagP99Seconds() <= 10);
        ArrayNode failures = root.putArray("failed_cells");
        failed.forEach(failures::add);
        ArrayNode all = root.putArray("cells");
        for (CellResult c : cells) {
            all.add(mapper.valueToTree(c));
        }
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        mapper.writeValue(file.toFile(), root);
    }
}
