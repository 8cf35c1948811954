package io.paydr.local.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paydr.local.pipeline.PublishedComparison;
import io.paydr.local.pipeline.RegionOutcome;
import io.paydr.local.pipeline.Verdict;
import io.paydr.ops.ReconcileReport;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code --json} reports of {@code run}, {@code drill} and {@code invoke}: one JSON document each, snake_case
 * keys, durations in milliseconds ({@code _ms}) or seconds ({@code _s}) as their names say, paths absolute.
 */
public final class ReportJson {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static String write(ObjectNode document) {
        try {
            return MAPPER.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the function log went: a file, or null for standard error. */
    public static void functionLog(ObjectNode document, Optional<Path> file) {
        document.put("function_log", file.map(f -> f.toAbsolutePath().toString()).orElse(null));
    }

    /** The verdict every run and drill ends with (the table of {@link VerdictFormat}). */
    public static ObjectNode verdict(Verdict v) {
        ObjectNode n = object();
        n.put("verdict", v.ok() ? "MATCH" : "MISMATCH");
        n.put("ok", v.ok());
        n.put("loaded_in_time", v.loadedInTime());
        n.putObject("published").put("payloads", v.publishedPayloads()).put("records", v.publishedRecords());
        ArrayNode regions = n.putArray("regions");
        for (RegionOutcome r : v.regions()) {
            ObjectNode region = regions.addObject().put("region", r.regionId()).put("role", r.role())
                    .put("payloads_loaded", r.payloadsLoaded()).put("rows", r.comparison().loadedRows())
                    .put("dlq_messages", r.deadLetters());
            region.putObject("lag_ms").put("p50", r.lagP50Millis()).put("p99", r.lagP99Millis())
                    .put("max", r.lagMaxMillis());
            comparison(region.putObject("warehouse_vs_published"), r.comparison());
            var st = r.stats();
            region.putObject("event_source").put("invocations", st.invocations())
                    .put("failed_invocations", st.failedInvocations()).put("received", st.received())
                    .put("deleted", st.deleted()).put("left_for_retry", st.failedRecords());
        }
        ReconcileReport rec = v.reconcile();
        ObjectNode reconcile = n.putObject("reconcile").put("from", rec.range().from().toString())
                .put("to", rec.range().to().toString()).put("equal", rec.equal());
        reconcile.putObject("primary").put("rows", rec.primaryTotals().rows())
                .put("amount_sum", rec.primaryTotals().amountSum());
        reconcile.putObject("secondary").put("rows", rec.secondaryTotals().rows())
                .put("amount_sum", rec.secondaryTotals().amountSum());
        reconcile.put("hours_compared", rec.hoursCompared()).put("diverging_hours", rec.divergentHours().size());
        reconcile.putObject("ledger_payloads").put("primary", rec.ledger().primaryPayloads())
                .put("secondary", rec.ledger().secondaryPayloads());
        return n;
    }

    /** p50, p99 and max of a lag triple, in ms. */
    public static ObjectNode lag(ObjectNode parent, String name, long[] p50p99max) {
        return parent.putObject(name).put("p50", p50p99max[0]).put("p99", p50p99max[1]).put("max", p50p99max[2]);
    }

    private static void comparison(ObjectNode n, PublishedComparison c) {
        n.put("equal", c.equal()).put("published", c.published()).put("loaded_rows", c.loadedRows());
        ids(n, "missing", c.missing());
        ids(n, "unexpected", c.unexpected());
        ids(n, "different", c.different());
        ids(n, "duplicated", c.duplicated());
    }

    private static void ids(ObjectNode n, String name, PublishedComparison.Ids ids) {
        ObjectNode o = n.putObject(name).put("count", ids.count());
        ids.first().forEach(o.putArray("first")::add);
    }
}
