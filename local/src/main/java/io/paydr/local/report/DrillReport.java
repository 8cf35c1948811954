package io.paydr.local.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paydr.devstack.DevRegion;
import io.paydr.local.drill.DrillOptions;
import io.paydr.local.drill.RegionOutageDrill;
import io.paydr.local.drill.ReplicationLagDrill;
import io.paydr.local.pipeline.TimeWindow;
import io.paydr.local.pipeline.Verdict;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/** The reports of both drills: the text local/README.md shows, or one JSON document. */
public final class DrillReport {

    private DrillReport() {
    }

    public static String text(RegionOutageDrill.Result r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        published(out, r.options(), r.verdict());
        out.printf(Locale.ROOT, "outage t+%.1f s .. t+%.1f s (%.1f s); consumer disabled at its start, warehouse"
                        + " down from t+%.1f s (after the loads in flight)%n", seconds(r.start(), r.outage().start()),
                seconds(r.start(), r.outage().end()), r.outage().duration().toMillis() / 1000.0,
                seconds(r.start(), r.warehouseDownAt()));
        long[] during = r.secondaryDuringOutage();
        out.printf(Locale.ROOT, "secondary (%s) lag of the %d messages that arrived during the outage: p50 %s,"
                        + " p99 %s, max %s%n", DevRegion.SECONDARY.id(), r.secondaryLoadsDuringOutage(),
                VerdictFormat.seconds(during[0]), VerdictFormat.seconds(during[1]), VerdictFormat.seconds(during[2]));
        out.printf(Locale.ROOT, "primary (%s) max lag = measured RPO: %s%n", DevRegion.PRIMARY.id(),
                VerdictFormat.seconds(r.rpoMillis()));
        out.printf(Locale.ROOT, "primary backlog: %d messages; caught up %s after recovery = measured RTO%n",
                r.backlog(), VerdictFormat.seconds(r.rtoMillis()));
        VerdictFormat.print(out, r.verdict());
        out.println("chart: " + r.chart().toAbsolutePath());
        return bytes.toString(StandardCharsets.UTF_8);
    }

    public static String text(ReplicationLagDrill.Result r) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        published(out, r.options(), r.verdict());
        out.printf(Locale.ROOT, "replication lag window t+%.1f s .. t+%.1f s; up to %d objects waited for"
                        + " replication%n", seconds(r.start(), r.lagWindow().start()),
                seconds(r.start(), r.lagWindow().end()), r.maxPendingReplicas());
        out.printf(Locale.ROOT, "secondary loaded up to %d payloads before their replica existed (read from the"
                + " source bucket or retried)%n", r.aheadOfReplication());
        long[] during = r.secondaryDuringLag();
        out.printf(Locale.ROOT, "secondary (%s) lag of the messages that arrived in the window: p50 %s, p99 %s,"
                        + " max %s%n", DevRegion.SECONDARY.id(), VerdictFormat.seconds(during[0]),
                VerdictFormat.seconds(during[1]), VerdictFormat.seconds(during[2]));
        VerdictFormat.print(out, r.verdict());
        out.println("chart: " + r.chart().toAbsolutePath());
        return bytes.toString(StandardCharsets.UTF_8);
    }

    public static String json(RegionOutageDrill.Result r, Optional<Path> functionLog) {
        ObjectNode doc = common("drill region-outage", r.options(), r.verdict(), r.chart(), functionLog);
        window(doc.putObject("outage"), r.start(), r.outage()).put("warehouse_down_s",
                seconds(r.start(), r.warehouseDownAt()));
        ObjectNode secondary = doc.putObject("secondary_during_outage")
                .put("messages", r.secondaryLoadsDuringOutage());
        ReportJson.lag(secondary, "lag_ms", r.secondaryDuringOutage());
        doc.put("rpo_ms", r.rpoMillis()).put("rto_ms", r.rtoMillis()).put("primary_backlog_messages", r.backlog());
        return ReportJson.write(doc);
    }

    public static String json(ReplicationLagDrill.Result r, Optional<Path> functionLog) {
        ObjectNode doc = common("drill replication-lag", r.options(), r.verdict(), r.chart(), functionLog);
        window(doc.putObject("lag_window"), r.start(), r.lagWindow())
                .put("replication_delay_s", r.replicationDelay().toSeconds());
        doc.put("max_objects_waiting_for_replication", r.maxPendingReplicas())
                .put("max_payloads_loaded_before_replica", r.aheadOfReplication());
        ReportJson.lag(doc, "secondary_lag_in_window_ms", r.secondaryDuringLag());
        return ReportJson.write(doc);
    }

    private static ObjectNode common(String command, DrillOptions o, Verdict v, Path chart,
                                     Optional<Path> functionLog) {
        ObjectNode doc = ReportJson.object().put("command", command);
        doc.putObject("options").put("duration_s", o.duration().toSeconds()).put("rate", o.batchesPerSecond())
                .put("records_per_batch", o.recordsPerBatch()).put("seed", o.seed())
                .put("fault_after_s", o.faultAfter().toSeconds()).put("fault_length_s", o.faultLength().toSeconds());
        doc.setAll(ReportJson.verdict(v));
        doc.put("chart", chart.toAbsolutePath().toString());
        ReportJson.functionLog(doc, functionLog);
        return doc;
    }

    private static ObjectNode window(ObjectNode n, Instant start, TimeWindow w) {
        return n.put("start_s", seconds(start, w.start())).put("end_s", seconds(start, w.end()))
                .put("length_s", w.duration().toMillis() / 1000.0);
    }

    private static void published(PrintStream out, DrillOptions o, Verdict v) {
        out.printf(Locale.ROOT, "published %d batches x %d payments in %d s; all loaded: %s%n", v.publishedPayloads(),
                o.recordsPerBatch(), o.duration().toSeconds(),
                v.loadedInTime() ? "yes" : "NO (timeout " + o.loadTimeout().toSeconds() + " s)");
    }

    private static double seconds(Instant start, Instant t) {
        return Math.round(Duration.between(start, t).toMillis() / 100.0) / 10.0;
    }
}
