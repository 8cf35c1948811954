package io.paydr.ops.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.ops.ReconcileReport;
import io.paydr.ops.ReconcileReport.HourDivergence;
import io.paydr.ops.ReconcileReport.IdSample;
import io.paydr.ops.Reconciler;
import io.paydr.ops.TimeRange;
import io.paydr.ops.WarehouseTarget;
import io.paydr.ops.cli.ExitCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** reconcile against the two devstack warehouses (Data API server over PostgreSQL), each test in fresh schemas. */
class ReconcileDevstackTest {

    private static final String KEY_16 = "payments/v1/dt=2026-11-25/hh=16/";
    private static final String KEY_17 = "payments/v1/dt=2026-11-25/hh=17/";

    private static Devstack ds;
    private static RedshiftDataClient primary;
    private static RedshiftDataClient secondary;
    private String schema;

    @BeforeAll
    static void start() {
        ds = Devstack.shared();
        primary = ds.redshiftData(DevRegion.PRIMARY);
        secondary = ds.redshiftData(DevRegion.SECONDARY);
    }

    @AfterAll
    static void closeClients() {
        primary.close();
        secondary.close();
    }

    /** Both warehouses: the same payments in hours 16 and 17, the same ledger, plus noise outside the range. */
    @BeforeEach
    void sameDataOnBothSides() {
        schema = Warehouses.uniqueSchema("recon");
        for (RedshiftDataClient w : List.of(primary, secondary)) {
            Warehouses.createSchema(w, schema);
            Warehouses.payments(w, schema,
                    "tx-a", "100", "2026-11-25 16:05:00",
                    "tx-b", "250", "2026-11-25 16:59:59.999",
                    "tx-c", "-75", "2026-11-25 17:00:00",
                    "tx-d", "9000", "2026-11-25 17:30:00");
            Warehouses.ledger(w, schema, KEY_16 + "b1.jsonl.gz", KEY_17 + "b2.jsonl.gz");
        }
        // only on the primary, outside [16:00, 18:00): must not count
        Warehouses.payments(primary, schema, "tx-early", "5", "2026-11-25 15:59:59.999", "tx-late", "5",
                "2026-11-25 18:00:00");
        Warehouses.ledger(primary, schema, "payments/v1/dt=2026-11-25/hh=18/b9.jsonl.gz");
    }

    @Test
    void equalWarehousesExit0() {
        CliRun cli = reconcile();
        assertEquals(ExitCode.OK, cli.exitCode(), cli.all());
        assertTrue(cli.out().contains("primary   us-east-1:paydr-us-east-1:payments: 4 rows, amount_minor sum 9275"),
                cli.out());
        assertTrue(cli.out().contains("secondary us-west-2:paydr-us-west-2:payments: 4 rows, amount_minor sum 9275"),
                cli.out());
        assertTrue(cli.out().contains("ledger: primary 2 payloads, secondary 2 payloads"), cli.out());
        assertTrue(cli.out().endsWith("VERDICT: EQUAL\n"), cli.out());
    }

    @Test
    void perRegionEndpointVariablesAsDevstackUpWritesThemNeedNoEndpointOptions() {
        Map<String, String> env = new HashMap<>(ds.environment(DevRegion.PRIMARY));
        env.put("AWS_ENDPOINT_URL_REDSHIFT_DATA_US_EAST_1", ds.redshiftDataEndpoint(DevRegion.PRIMARY).toString());
        env.put("AWS_ENDPOINT_URL_REDSHIFT_DATA_US_WEST_2", ds.redshiftDataEndpoint(DevRegion.SECONDARY).toString());
        Warehouses.payments(secondary, schema, "tx-only-secondary", "60", "2026-11-25 17:10:00");
        CliRun cli = CliRun.run(env, "reconcile", "--from", "2026-11-25T16", "--to", "2026-11-25T18",
                "--primary", "us-east-1:paydr-us-east-1:payments", "--secondary", "us-west-2:paydr-us-west-2:payments",
                "--payments-table", schema + ".payments", "--no-ledger");
        assertEquals(ExitCode.DIVERGED, cli.exitCode(), cli.all());
        assertTrue(cli.out().contains("(1): tx-only-secondary"), cli.out());
    }

    @Test
    void missingDifferentAndExtraRowsExit1NamingTheHourAndTheIds() throws Exception {
        Warehouses.payments(primary, schema, "tx-only-primary", "40", "2026-11-25 16:20:00");
        Warehouses.payments(secondary, schema, "tx-only-secondary", "60", "2026-11-25 17:10:00");
        run(secondary, "UPDATE " + schema + ".payments SET amount_minor = 9001 WHERE transaction_id = 'tx-d'");

        CliRun cli = reconcile();
        assertEquals(ExitCode.DIVERGED, cli.exitCode(), cli.all());
        String out = cli.out();
        assertTrue(out.contains("DIVERGING hour 2026-11-25T16:00:00Z: primary 3 rows, amount_minor sum 390, row digest "),
                out);
        assertTrue(out.contains(", secondary 2 rows, amount_minor sum 350, row digest "), out);
        assertTrue(out.contains("missing on secondary (only on primary) (1): tx-only-primary"), out);
        assertTrue(out.contains("DIVERGING hour 2026-11-25T17:00:00Z"), out);
        assertTrue(out.contains("missing on primary (only on secondary) (1): tx-only-secondary"), out);
        assertTrue(out.contains("row differs (some column) (1): tx-d"), out);
        assertTrue(out.endsWith("VERDICT: DIVERGED\n"), out);

        CliRun json = reconcile("--json");
        assertEquals(ExitCode.DIVERGED, json.exitCode(), json.all());
        JsonNode report = new ObjectMapper().readTree(json.out());
        assertEquals("DIVERGED", report.get("verdict").asText());
        assertEquals(2, report.get("divergentHours").size());
        assertEquals("tx-only-primary",
                report.get("divergentHours").get(0).get("missingOnSecondary").get("ids").get(0).asText());
    }

    @Test
    void aRowMovedToAnotherHourIsFoundAlthoughTheTotalsAgree() {
        run(secondary, "UPDATE " + schema + ".payments SET occurred_at = '2026-11-25 17:01:00' WHERE transaction_id = 'tx-a'");

        ReconcileReport r = reconciler().build().reconcile();
        assertEquals(r.primaryTotals().rows(), r.secondaryTotals().rows(), "same count over the whole range");
        assertEquals(r.primaryTotals().amountSum(), r.secondaryTotals().amountSum(), "and the same sum");
        assertFalse(r.equal());
        List<HourDivergence> hours = r.divergentHours();
        assertEquals(List.of(Instant.parse("2026-11-25T16:00:00Z"), Instant.parse("2026-11-25T17:00:00Z")),
                hours.stream().map(HourDivergence::hour).toList());
        assertEquals(new IdSample(1, List.of("tx-a")), hours.get(0).missingOnSecondary());
        assertEquals(new IdSample(1, List.of("tx-a")), hours.get(1).missingOnPrimary());
    }

    @Test
    void onlyDivergingHoursAreDrilledAndDuplicatesAreNamed() {
        Warehouses.payments(primary, schema, "tx-c", "-75", "2026-11-25 17:00:00");

        ReconcileReport r = reconciler().build().reconcile();
        assertEquals(1, r.divergentHours().size(), "hour 16 agrees and is not reported");
        HourDivergence h = r.divergentHours().get(0);
        assertEquals(Instant.parse("2026-11-25T17:00:00Z"), h.hour());
        assertEquals(new IdSample(1, List.of("tx-c")), h.duplicates());
        assertEquals(IdSample.NONE, h.missingOnPrimary());
        assertEquals(IdSample.NONE, h.rowMismatches());
    }

    @Test
    void aRowDifferingInAColumnOtherThanTheAmountIsFound() {
        run(secondary, "UPDATE " + schema + ".payments SET status = 'REFUNDED' WHERE transaction_id = 'tx-b'");
        run(primary, "UPDATE " + schema + ".payments SET currency = 'USD' WHERE transaction_id = 'tx-c'");

        ReconcileReport r = reconciler().build().reconcile();
        assertEquals(r.primaryTotals().rows(), r.secondaryTotals().rows());
        assertEquals(r.primaryTotals().amountSum(), r.secondaryTotals().amountSum(), "counts and sums agree");
        assertFalse(r.equal(), "yet the rows differ");
        assertEquals(2, r.divergentHours().size());
        assertEquals(new IdSample(1, List.of("tx-b")), r.divergentHours().get(0).rowMismatches());
        assertEquals(new IdSample(1, List.of("tx-c")), r.divergentHours().get(1).rowMismatches());
    }

    @Test
    void conflictsAreReportedPerHourAndMustBeTheSameOnBothSides() {
        for (RedshiftDataClient w : List.of(primary, secondary)) {
            Warehouses.conflicts(w, schema, "tx-a", "99", "2026-11-25 16:05:00", "1".repeat(64));
            Warehouses.conflicts(w, schema, "tx-d", "8000", "2026-11-25 17:20:00", "2".repeat(64));
        }
        ReconcileReport same = reconciler().build().reconcile();
        assertTrue(same.equal(), "the same losing versions, with the same carriers");
        assertEquals(2, same.conflicts().hours().size());
        assertEquals(2, same.conflicts().primaryVersions());
        CliRun cli = reconcile();
        assertTrue(cli.out().contains("hour 2026-11-25T16:00:00Z: primary 1, secondary 1, same versions"), cli.out());

        run(secondary, "UPDATE " + schema + ".payments_conflicts SET payload_sha256 = '" + "3".repeat(64)
                + "' WHERE transaction_id = 'tx-d'");
        ReconcileReport carrier = reconciler().build().reconcile();
        assertFalse(carrier.equal(), "another carrier for the same losing version is a divergence");
        assertTrue(carrier.divergentHours().isEmpty(), "the payments themselves agree");
        assertEquals(List.of(true, false), carrier.conflicts().hours().stream()
                .map(ReconcileReport.ConflictHour::same).toList());
        CliRun diverged = reconcile();
        assertEquals(ExitCode.DIVERGED, diverged.exitCode(), diverged.all());
        assertTrue(diverged.out().contains("hour 2026-11-25T17:00:00Z: primary 1, secondary 1, DIVERGING versions"),
                diverged.out());
    }

    @Test
    void aPayloadMissingFromOneLedgerIsNamed() {
        Warehouses.ledger(primary, schema, KEY_17 + "b3.jsonl.gz");

        ReconcileReport r = reconciler().build().reconcile();
        assertTrue(r.divergentHours().isEmpty(), "the payments themselves agree");
        assertFalse(r.equal());
        assertEquals(1, r.ledger().divergentHours().size());
        assertEquals(new IdSample(1, List.of(KEY_17 + "b3.jsonl.gz")), r.ledger().divergentHours().get(0).onlyOnPrimary());
        assertTrue(reconciler().ledgerTable(null).build().reconcile().equal(), "without the ledger: equal");
    }

    @Test
    void aFailingStatementExits3NamingTheWarehouse() {
        CliRun cli = CliRun.run(ds.environment(DevRegion.PRIMARY), "reconcile", "--from", "2026-11-25T16",
                "--to", "2026-11-25T18", "--primary", "us-east-1:paydr-us-east-1:payments",
                "--secondary", "us-west-2:paydr-us-west-2:payments",
                "--primary-endpoint", ds.redshiftDataEndpoint(DevRegion.PRIMARY).toString(),
                "--secondary-endpoint", ds.redshiftDataEndpoint(DevRegion.SECONDARY).toString(),
                "--payments-table", schema + ".no_such_table");
        assertEquals(ExitCode.FAILED, cli.exitCode(), cli.all());
        assertTrue(cli.err().contains("us-east-1:paydr-us-east-1:payments: statement"), cli.err());
    }

    private Reconciler.Builder reconciler() {
        return Reconciler.builder()
                .primary(WarehouseTarget.workgroup("us-east-1", "paydr-us-east-1", "payments"), primary)
                .secondary(WarehouseTarget.workgroup("us-west-2", "paydr-us-west-2", "payments"), secondary)
                .range(TimeRange.parse("2026-11-25T16:00:00Z", "2026-11-25T18:00:00Z"))
                .paymentsTable(schema + ".payments")
                .ledgerTable(schema + ".payments_ingest_ledger");
    }

    private static void run(RedshiftDataClient w, String sql) {
        Warehouses.execute(w, sql);
    }

    /** reconcile on this test's schemas, with an endpoint per warehouse as each Region has its own. */
    private CliRun reconcile(String... extra) {
        List<String> args = new ArrayList<>(List.of("reconcile",
                "--from", "2026-11-25T16:00:00Z", "--to", "2026-11-25T18:00:00Z",
                "--primary", "us-east-1:paydr-us-east-1:payments",
                "--secondary", "us-west-2:paydr-us-west-2:payments",
                "--primary-endpoint", ds.redshiftDataEndpoint(DevRegion.PRIMARY).toString(),
                "--secondary-endpoint", ds.redshiftDataEndpoint(DevRegion.SECONDARY).toString(),
                "--payments-table", schema + ".payments", "--ledger-table", schema + ".payments_ingest_ledger"));
        args.addAll(List.of(extra));
        return CliRun.run(ds.environment(DevRegion.PRIMARY), args.toArray(String[]::new));
    }
}
