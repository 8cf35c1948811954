package io.paydr.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paydr.cli.Console;
import io.paydr.devstack.Devstack;
import io.paydr.local.drill.DrillOptions;
import io.paydr.local.drill.RegionOutageDrill;
import io.paydr.local.drill.ReplicationLagDrill;
import io.paydr.local.eventsource.EventSourceSettings;
import io.paydr.local.pipeline.PipelineSettings;
import io.paydr.local.pipeline.RegionOutcome;
import io.paydr.local.pipeline.Verdict;
import io.paydr.local.report.DrillReport;
import io.paydr.local.report.RunReport;
import io.paydr.local.run.LocalRun;
import io.paydr.local.run.RunOptions;
import io.paydr.local.stack.StackSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local run and both drills, in-process against devstack at small sizes: both warehouses equal the
 * published set row by row, reconcile agrees, no DLQ message, and the figures and chart are there.
 * Each test uses its own resource names; the pipeline empties the shared warehouses first. The run's
 * payloads (150 records) load by multi-row INSERT, the drills' (1,600 records, above the 256 KiB
 * COPY_THRESHOLD_BYTES decoded) by COPY, so both load paths run.
 */
class LocalRunAndDrillsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Devstack devstack = Devstack.shared();
    private final ByteArrayOutputStream progress = new ByteArrayOutputStream();
    private final Console console = new Console(System.out,
            new PrintStream(progress, true, StandardCharsets.UTF_8), false);
    private String report = "";

    /** Kept after the build, so the charts can be looked at. */
    private final Path dir = Path.of("target", "drill-charts");

    @AfterEach
    void echoReport() {
        System.out.println(progress.toString(StandardCharsets.UTF_8) + report);
    }

    private static PipelineSettings settings(String prefix) {
        StackSettings stack = StackSettings.builder().namePrefix(prefix).build();
        return new PipelineSettings(stack, EventSourceSettings.builder().batchSize(10)
                .batchingWindow(Duration.ofSeconds(1)).maximumConcurrency(2).waitTimeSeconds(1)
                .functionTimeout(stack.functionTimeout()).build(), true);
    }

    @Test
    void localRunLoadsEveryPublishedPaymentIntoBothWarehouses() {
        RunOptions options = new RunOptions(6, 150, 0, 7, Duration.ofSeconds(60), settings("t-run"));
        LocalRun.RunResult result = LocalRun.execute(devstack, options, console);
        Verdict v = result.verdict();
        report = RunReport.text(result);

        assertEquals(6, v.publishedPayloads());
        assertEquals(900, v.publishedRecords());
        assertPerfect(v);
        assertTrue(report.contains("verdict: MATCH"), report);
        assertTrue(report.contains("lag p50") && report.contains("reconcile"), report);
    }

    @Test
    void regionOutageDrillMeasuresRpoAndRtoAndEndsEqual() throws IOException {
        DrillOptions o = new DrillOptions(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(5), 1600, 2,
                11, Duration.ofSeconds(60), dir.resolve("outage.png"), settings("t-outage"));
        RegionOutageDrill.Result r = RegionOutageDrill.execute(devstack, o, console);
        report = DrillReport.text(r);

        assertPerfect(r.verdict());
        assertTrue(r.outage().duration().toMillis() >= 5_000, "the outage lasted: " + r.outage());
        assertTrue(r.backlog() > 0, "messages waited in the primary's queue during the outage");
        assertTrue(r.rpoMillis() >= 3_000, "the oldest backlog message waited most of the outage: " + r.rpoMillis());
        assertTrue(r.rtoMillis() > 0 && r.caughtUpAt().isAfter(r.outage().end()),
                "the backlog took time to load after recovery: " + r.rtoMillis());
        assertTrue(r.secondaryLoadsDuringOutage() > 0 && r.secondaryDuringOutage()[2] > 0,
                "the secondary loaded the messages that arrived during the outage: " + r.secondaryLoadsDuringOutage());
        assertPng(r.chart());
        assertTrue(report.contains("measured RPO") && report.contains("measured RTO") && report.contains("chart: "),
                report);

        // `drill region-outage --json`: the same result as one JSON document
        JsonNode json = JSON.readTree(DrillReport.json(r, Optional.empty()));
        assertEquals("drill region-outage", json.get("command").asText());
        assertEquals("MATCH", json.get("verdict").asText());
        assertEquals(r.rpoMillis(), json.get("rpo_ms").asLong());
        assertEquals(r.rtoMillis(), json.get("rto_ms").asLong());
        assertEquals(r.backlog(), json.get("primary_backlog_messages").asLong());
        assertEquals(r.verdict().publishedRecords(), json.get("published").get("records").asLong());
        assertTrue(json.get("reconcile").get("equal").asBoolean());
        assertEquals(r.chart().toAbsolutePath().toString(), json.get("chart").asText());
    }

    @Test
    void replicationLagDrillFallsBackToTheSourceBucketWithNothingInTheDlq() throws IOException {
        DrillOptions o = new DrillOptions(Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(5), 1600, 2,
                13, Duration.ofSeconds(60), dir.resolve("replication.png"), settings("t-crr"));
        ReplicationLagDrill.Result r = ReplicationLagDrill.execute(devstack, o, Duration.ofSeconds(20), console);
        report = DrillReport.text(r);

        assertPerfect(r.verdict());
        assertTrue(r.maxPendingReplicas() > 0, "replication fell behind");
        assertTrue(r.aheadOfReplication() > 0,
                "the secondary loaded payloads whose replica did not exist yet: " + r.aheadOfReplication());
        assertPng(r.chart());

        // `drill replication-lag --json`
        JsonNode json = JSON.readTree(DrillReport.json(r, Optional.empty()));
        assertEquals("drill replication-lag", json.get("command").asText());
        assertEquals("MATCH", json.get("verdict").asText());
        assertEquals(r.maxPendingReplicas(), json.get("max_objects_waiting_for_replication").asLong());
        assertEquals(r.aheadOfReplication(), json.get("max_payloads_loaded_before_replica").asLong());
        assertEquals(20, json.get("lag_window").get("replication_delay_s").asLong());
    }

    private static void assertPerfect(Verdict v) {
        assertTrue(v.loadedInTime(), "everything loaded before the timeout");
        assertTrue(v.reconcile().equal(), "reconcile finds both warehouses equal");
        assertEquals(v.publishedRecords(), v.reconcile().primaryTotals().rows());
        for (RegionOutcome r : v.regions()) {
            assertTrue(r.comparison().equal(), r.regionId() + " equals the published set: " + r.comparison());
            assertEquals(v.publishedRecords(), r.comparison().loadedRows(), r.regionId());
            assertEquals(v.publishedPayloads(), r.payloadsLoaded(), r.regionId() + " ledger");
            assertEquals(0, r.deadLetters(), r.regionId() + " DLQ");
            assertTrue(r.lagMaxMillis() > 0 && r.lagP50Millis() <= r.lagP99Millis()
                    && r.lagP99Millis() <= r.lagMaxMillis(), r.regionId() + " lag figures");
        }
        assertTrue(v.ok());
    }

    private static void assertPng(Path chart) throws IOException {
        assertNotNull(chart);
        assertTrue(Files.size(chart) > 10_000, "chart written: " + chart);
        assertNotNull(ImageIO.read(chart.toFile()), "a readable PNG");
    }
}
