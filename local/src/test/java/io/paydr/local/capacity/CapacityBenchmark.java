package io.paydr.local.capacity;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.paydr.aws.DataApiExecutor;
import io.paydr.aws.Deadline;
import io.paydr.aws.RedshiftTarget;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.devstack.DevstackOptions;
import io.paydr.devstack.redshift.WarehouseProfile;
import io.paydr.ingest.internal.JsonLog;
import io.paydr.ingest.schema.MigrateCommand;
import io.paydr.local.pipeline.StackParameters;
import io.paydr.local.stack.RegionClients;
import io.paydr.local.stack.RegionStack;
import io.paydr.local.stack.StackProvisioner;
import io.paydr.local.stack.StackSettings;
import io.paydr.local.stack.Stacks;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The capacity benchmark (issue 14): one Region's pipeline on devstack under the {@code redshift} warehouse profile
 * (Redshift's statement, COPY and commit costs and the Data API's quotas, devstack/README.md), with local's event
 * source emulation in front of three loaders: paydr's ingest function, one COPY transaction per payload, and one
 * INSERT per row. Every figure is per Region: each Region's queue receives every payload and loads it into its own
 * warehouse against its own account quota. Results to stdout, progress to stderr; {@code --json FILE} writes the
 * summary. Command and reading: docs/capacity.md.
 */
@Command(name = "capacity-benchmark", mixinStandardHelpOptions = true,
        description = "Sustained rate, Data API calls and throttles, and ingest lag of three loaders under the redshift profile.")
public final class CapacityBenchmark implements Callable<Integer> {

    @Option(names = "--quick", description = "only MaximumConcurrency 10 with 10k-record payloads (under 5 minutes)")
    boolean quick;
    @Option(names = "--json", paramLabel = "FILE", description = "write the summary and every cell as JSON")
    Path json;
    @Option(names = "--region", defaultValue = "us-east-1", description = "the Region whose pipeline is measured")
    String region;
    @Option(names = "--batch-size", defaultValue = "10", description = "paydr's BatchSize (default ${DEFAULT-VALUE})")
    int batchSize;
    @Option(names = "--window-seconds", defaultValue = "2", description = "paydr's MaximumBatchingWindowInSeconds")
    int windowSeconds;
    @Option(names = "--lag-seconds", description = "how long the half-rate phase publishes (default 30, 60 without --quick)")
    Integer lagSeconds;

    private final PrintStream out;
    private final PrintStream progress;

    CapacityBenchmark(PrintStream out, PrintStream progress) {
        this.out = out;
        this.progress = progress;
    }

    public static void main(String[] args) {
        // library chatter (zonky, pekko, Jetty) would bury the progress lines; warnings still show
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        System.setProperty("pekko.loglevel", "WARNING");
        PrintStream stdout = System.out;
        System.exit(new CommandLine(new CapacityBenchmark(stdout, System.err)).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        DevRegion r = DevRegion.of(region);
        Path work = Files.createTempDirectory("paydr-capacity");
        Path functionLog = Path.of("target", "capacity-function.log").toAbsolutePath();
        Files.createDirectories(functionLog.getParent());
        long startedAt = System.nanoTime();
        progress.println("capacity: starting devstack with the redshift warehouse profile (S3 on disk in " + work + ")");
        try (Devstack ds = Devstack.start(DevstackOptions.builder().warehouseProfile(WarehouseProfile.redshift())
                     .s3Directory(work.resolve("s3")).build());
             PrintStream functionOut = new PrintStream(new FileOutputStream(functionLog.toFile()), true,
                     StandardCharsets.UTF_8)) {
            // the function's log lines and EMF metrics go to a file: stdout carries the results
            JsonLog.redirect(functionOut);
            System.setOut(functionOut);
            RegionClients primary = clients(ds, DevRegion.PRIMARY);
            RegionClients secondary = clients(ds, DevRegion.SECONDARY);
            Stacks stacks = new StackProvisioner(StackSettings.builder().namePrefix("capacity").build())
                    .provision(primary, secondary);
            RegionStack stack = r == DevRegion.PRIMARY ? stacks.primary() : stacks.secondary();
            RegionClients clients = r == DevRegion.PRIMARY ? primary : secondary;
            Map<String, String> environment = StackParameters.functionEnvironment(ds.environment(r), stacks, stack);
            migrate(environment, r);
            RedshiftTarget target = RedshiftTarget.workgroup(StackParameters.workgroup(r.id()), StackParameters.DATABASE,
                    environment.get("REDSHIFT_SECRET_ARN"));
            createBenchTables(ds, r, target);

            Payloads payloads = new Payloads(clients.s3(), clients.sqs(), stack.bucket());
            CellRunner runner = new CellRunner(ds, r, clients.sqs(), payloads, progress);
            AtomicBoolean stopRows = new AtomicBoolean();
            Map<String, RequestHandler<SQSEvent, SQSBatchResponse>> loaders = Map.of(
                    "paydr", Loaders.paydr(environment),
                    "copy-per-payload", Loaders.copyPerPayload(() -> ds.redshiftData(r), target),
                    "row-inserts", Loaders.rowInserts(() -> ds.redshiftData(r), target, clients.s3(), stopRows::get));
            warmUp(runner, loaders, ds, r);
            List<CellResult> cells = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (int concurrency : quick ? List.of(10) : List.of(2, 5, 10, 20)) {
                for (int records : quick ? List.of(10_000) : List.of(2_000, 10_000)) {
                    for (String loader : List.of("paydr", "copy-per-payload", "row-inserts")) {
                        progress.printf("capacity: %s, MaximumConcurrency %d, %d-record payloads (%.0f s so far)%n",
                                loader, concurrency, records, (System.nanoTime() - startedAt) / 1e9);
                        stopRows.set(false);
                        try {
                            CellResult cell = runner.run(spec(loader, concurrency, records), loaders.get(loader),
                                    rowsOf(ds, r, loader), () -> stopRows.set(true));
                            cells.add(cell);
                            progress.println("  = " + CapacityReport.line(cell));
                        } catch (RuntimeException e) {
                            // one cell's failure (devstack refusing a request under load) must not cost the others
                            failed.add(loader + " c=" + concurrency + " " + records + ": " + e);
                            progress.println("  cell failed: " + e);
                        }
                    }
                }
            }
            CapacityReport report = new CapacityReport(cells, failed, quick, Instant.now(), ds.warehouseProfile(),
                    (System.nanoTime() - startedAt) / 1e9);
            report.print(out);
            if (json != null) {
                report.writeJson(json);
                progress.println("capacity: wrote " + json.toAbsolutePath());
            }
            progress.println("capacity: the function's log is in " + functionLog);
            return 0;
        } finally {
            System.setOut(out);
            JsonLog.redirect(out);
            deleteTree(work); // a full run leaves gigabytes of payloads and staged objects
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * paydr gets the event source settings of the options (docs/capacity.md recommends them per rate); the
     * per-payload loaders take one payload per invocation, as S3-event loaders do, since batching gains them
     * nothing: each payload is its own transaction. Backlogs exceed what a loader takes in its window.
     */
    private CellRunner.Spec spec(String loader, int concurrency, int records) {
        Duration lag = Duration.ofSeconds(lagSeconds != null ? lagSeconds : quick ? 30 : 45);
        int scale = 10_000 / records;
        return switch (loader) {
            case "paydr" -> new CellRunner.Spec(loader, concurrency, records, batchSize,
                    Duration.ofSeconds(windowSeconds), 120 * scale, Duration.ofSeconds(60), lag);
            case "copy-per-payload" -> new CellRunner.Spec(loader, concurrency, records, 1, Duration.ZERO,
                    70 * scale, Duration.ofSeconds(40), Duration.ZERO);
            default -> new CellRunner.Spec(loader, concurrency, records, 1, Duration.ZERO, concurrency * 2,
                    Duration.ofSeconds(quick ? 15 : 20), Duration.ZERO);
        };
    }

    /** The first loads run cold (JIT, connection pools): a small untimed load of each path first. */
    private void warmUp(CellRunner runner, Map<String, RequestHandler<SQSEvent, SQSBatchResponse>> loaders,
                        Devstack ds, DevRegion r) {
        progress.println("capacity: warming up (untimed)");
        for (String loader : List.of("paydr", "copy-per-payload")) {
            runner.run(new CellRunner.Spec(loader, 2, 2_000, loader.equals("paydr") ? 5 : 1, Duration.ZERO, 10,
                    Duration.ofSeconds(8), Duration.ZERO), loaders.get(loader), rowsOf(ds, r, loader), () -> { });
        }
    }

    private static RegionClients clients(Devstack ds, DevRegion r) {
        return new RegionClients(r.id(), ds.s3(r), ds.sqs(r), ds.sns(r));
    }

    private static void migrate(Map<String, String> environment, DevRegion r) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = MigrateCommand.run(new String[0], environment, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new IllegalStateException("schema migration of the " + r.id() + " warehouse failed (exit " + status
                    + "): " + err.toString(StandardCharsets.UTF_8).strip());
        }
    }

    private static void createBenchTables(Devstack ds, DevRegion r, RedshiftTarget target) {
        try (RedshiftDataClient client = ds.redshiftData(r)) {
            DataApiExecutor executor = new DataApiExecutor(client, target);
            for (String table : List.of(Loaders.COPY_TABLE, Loaders.ROW_TABLE)) {
                executor.executeBatch(List.of("DROP TABLE IF EXISTS " + table, "CREATE TABLE " + table
                        + Loaders.BENCH_DDL), Deadline.after(Duration.ofMinutes(1)));
            }
        }
    }

    /** Rows in the loader's target table, counted over JDBC so the count spends no Data API quota. */
    private static LongSupplier rowsOf(Devstack ds, DevRegion r, String loader) {
        String table = switch (loader) {
            case "copy-per-payload" -> Loaders.COPY_TABLE;
            case "row-inserts" -> Loaders.ROW_TABLE;
            default -> "public.payments";
        };
        return () -> {
            try (Connection c = DriverManager.getConnection(ds.jdbcUrl(r));
                 ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException("counting rows of " + table + ": " + e.getMessage(), e);
            }
        };
    }
}
