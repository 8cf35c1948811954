package io.paydr.ingest.handler;

import static io.paydr.ingest.handler.TestStack.event;
import static io.paydr.ingest.handler.TestStack.record;

import io.paydr.contract.ContentEncoding;
import io.paydr.devstack.DevRegion;
import io.paydr.ingest.handler.TestStack.Payload;
import io.paydr.ingest.internal.BatchOutcome;
import io.paydr.ingest.internal.IngestRuntime;
import io.paydr.aws.Deadline;
import io.paydr.ingest.payload.ReceivedMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.StatementData;
import software.amazon.awssdk.services.redshiftdata.model.SubStatementData;

/**
 * Where the time of one invocation goes, from what the function and the Data API report themselves: the batch's
 * load latency (submission to the end of polling), the duration of each SQL sub-statement (DescribeStatement), and
 * the rest of the invocation (screening, ledger lookup, reading and verifying the payload). Medians over a few runs.
 */
final class PhaseBreakdown {
    private final TestStack stack;
    private int sequence;

    PhaseBreakdown(TestStack stack) {
        this.stack = stack;
    }

    /** Prints the median of each phase over {@code runs} one-message invocations of {@code size} records. */
    List<String> measure(int size, int runs) {
        Map<String, List<Double>> phases = new LinkedHashMap<>();
        try (IngestRuntime runtime = IngestRuntime.create(stack.config(DevRegion.PRIMARY, Map.of()))) {
            RedshiftDataClient dataApi = runtime.clients().redshiftData();
            for (int i = 0; i < runs; i++) {
                Payload p = stack.publish(stack.sourceBucket, TestStack.payments("phases" + (sequence++) + "x" + size,
                        size), ContentEncoding.GZIP);
                List<ReceivedMessage> received = event(record("sqs-pointer", p, "m-phases-" + sequence)).getRecords()
                        .stream().map(ReceivedMessage::fromLambda).toList();
                long started = System.nanoTime();
                BatchOutcome outcome = runtime.pipeline().process(received, Deadline.after(Duration.ofMinutes(5)), true);
                double total = (System.nanoTime() - started) / 1e6;
                if (!outcome.failedMessageIds().isEmpty()) {
                    throw new IllegalStateException("phase measurement load failed");
                }
                DescribeStatementResponse batch = lastBatch(dataApi);
                double sql = 0;
                add(phases, "whole invocation", total);
                add(phases, "outside the load: screen, ledger lookup || S3 GET, SHA-256, gunzip, decode, validate",
                        total - outcome.loadLatencyMillis());
                for (SubStatementData sub : batch.subStatements()) {
                    double ms = sub.duration() / 1e6;
                    sql += ms;
                    add(phases, "  SQL " + kind(sub.queryString()), ms);
                }
                add(phases, "batch SQL, all sub-statements", sql);
                add(phases, "Data API around the SQL (submit, queue, polls noticing the end)",
                        outcome.loadLatencyMillis() - sql);
            }
        }
        List<String> lines = new ArrayList<>();
        phases.forEach((phase, values) -> lines.add(String.format("    %-100s %6.1f ms", phase, median(values))));
        return lines;
    }

    private static DescribeStatementResponse lastBatch(RedshiftDataClient dataApi) {
        StatementData last = dataApi.listStatements(r -> r.status("FINISHED").maxResults(100)).statements().stream()
                .filter(s -> Boolean.TRUE.equals(s.isBatchStatement()))
                .max(Comparator.comparing(StatementData::createdAt))
                .orElseThrow(() -> new IllegalStateException("no finished batch statement listed"));
        return dataApi.describeStatement(r -> r.id(last.id()));
    }

    /** A short name for a statement of the load (LoadSqlBuilder's order), without its literals. */
    static String kind(String sql) {
        String s = sql.strip().replaceAll("\\s+", " ");
        String upper = s.toUpperCase(Locale.ROOT);
        Matcher temp = TEMP_TABLE.matcher(s);
        if (temp.find()) {
            return "CREATE TEMP " + temp.group(1);
        }
        if (upper.startsWith("LOCK")) {
            return "LOCK target, conflicts, ledger";
        }
        if (upper.startsWith("COPY")) {
            return "COPY from S3 into the stage";
        }
        if (upper.startsWith("SELECT")) {
            return "ledger rows already known";
        }
        if (upper.startsWith("DELETE")) {
            return "DELETE displaced rows";
        }
        if (upper.startsWith("UPDATE")) {
            return upper.contains("_CONFLICTS SET") ? "lower carriers in conflicts" : "lower carriers in the target";
        }
        Matcher insert = INSERT_INTO.matcher(s);
        if (insert.find()) {
            String table = insert.group(1);
            if (table.startsWith("paydr_check")) {
                return "proof: staged rows = verified rows";
            }
            if (table.startsWith("paydr_")) {
                return "INSERT into " + table.replaceAll("_\\d+$", "");
            }
            if (table.endsWith("_conflicts")) {
                return upper.contains("FROM PAYDR_DISPLACED") ? "displaced rows into conflicts"
                        : "losing versions into conflicts";
            }
            return upper.contains("PAYDR_RANKED") ? "INSERT winners into the target" : "ledger insert";
        }
        return "other";
    }

    private static final Pattern TEMP_TABLE = Pattern.compile("^CREATE TEMP TABLE (paydr_[a-z_]+?)(?:_\\d+)?[ (]",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern INSERT_INTO = Pattern.compile("^INSERT INTO ([\\w.]+)", Pattern.CASE_INSENSITIVE);

    private static void add(Map<String, List<Double>> phases, String phase, double ms) {
        phases.computeIfAbsent(phase, k -> new ArrayList<>()).add(ms);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
