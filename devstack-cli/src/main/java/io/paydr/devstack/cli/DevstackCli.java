package io.paydr.devstack.cli;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.devstack.DevstackOptions;
import io.paydr.devstack.control.ControlServer;
import io.paydr.devstack.faults.Service;
import io.paydr.devstack.postgres.internal.ExternalServerUrl;
import io.paydr.devstack.redshift.WarehouseProfile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code devstack up | fault | region-down | faults clear}: runs the local two-Region stack and switches its faults.
 * Conventions of every paydr command: {@code --help}/{@code --version} on stdout with exit 0; exit 0 done,
 * 1 failed, 2 usage error (the message names what to type instead).
 */
@Command(name = "devstack", mixinStandardHelpOptions = true, versionProvider = DevstackCli.Version.class,
        synopsisHeading = "usage: ",
        description = "Local S3, SNS, SQS and Redshift Data API for us-east-1 and us-west-2 plus PostgreSQL.",
        footer = {"Fault commands find the running devstack through --control-url URL, else $DEVSTACK_CONTROL_URL,",
                "else DEVSTACK_CONTROL_URL in --env-file PATH (default ./.devstack/devstack.env)."})
public final class DevstackCli implements Callable<Integer> {

    static final String DEFAULT_ENV_FILE = ".devstack/devstack.env";

    @Spec
    private CommandSpec spec;
    private final PrintStream out;
    private final PrintStream err;

    DevstackCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        quietLibraryLogging();
        System.exit(new DevstackCli(System.out, System.err).run(args));
    }

    /** Runs one command and returns its exit code; {@code up} returns only when the stack is stopped. */
    int run(String... args) {
        return new CommandLine(this)
                .addSubcommand(new Up())
                .addSubcommand(new Fault())
                .addSubcommand(new RegionDown())
                .addSubcommand(new Faults())
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    commandLine.getErr().println("devstack: " + e.getMessage());
                    // a request devstack refused (bad fault spec) is the caller's mistake, as a bad option is
                    return e instanceof IllegalArgumentException ? CommandLine.ExitCode.USAGE
                            : CommandLine.ExitCode.SOFTWARE;
                })
                .execute(args);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "give a command: up, fault, region-down or faults clear");
    }

    @Command(name = "up", mixinStandardHelpOptions = true, versionProvider = Version.class, synopsisHeading = "usage: ",
            description = {"Starts S3, SNS, SQS and Redshift Data API for us-east-1 and us-west-2 plus PostgreSQL,",
                    "writes the endpoints as KEY=value lines to the env file and runs until Ctrl-C."})
    final class Up implements Callable<Integer> {
        @Option(names = "--env-file", paramLabel = "PATH", defaultValue = DEFAULT_ENV_FILE,
                description = "where to write the endpoints (default ${DEFAULT-VALUE})")
        Path envFile;
        @Option(names = "--data-dir", paramLabel = "DIR", description = "keep S3 objects and PostgreSQL data here")
        Path dataDir;
        @Option(names = "--warehouse-profile", paramLabel = "fast|redshift", defaultValue = "fast",
                description = {"fast (default): PostgreSQL's speed, no quotas; redshift: Redshift's statement, COPY and",
                        "commit costs and the Data API's rate quotas (devstack/README.md, \"Warehouse profiles\")"})
        String warehouseProfile;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            WarehouseProfile profile;
            try {
                profile = WarehouseProfile.named(warehouseProfile);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            RunningDevstack running;
            try {
                running = up(envFile, dataDir, profile);
            } catch (RuntimeException e) {
                err.println("devstack: cannot start: " + e.getMessage());
                return CommandLine.ExitCode.SOFTWARE;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                out.println("devstack: stopping");
                running.close();
                out.println("devstack: stopped");
                stopped.countDown();
            }, "devstack-stop"));
            stopped.await();
            return CommandLine.ExitCode.OK;
        }
    }

    /** The options every fault command takes to find the running devstack. */
    static class ControlOptions {
        @Option(names = "--control-url", paramLabel = "URL", description = "the running devstack's control endpoint")
        String controlUrl;
        @Option(names = "--env-file", paramLabel = "PATH", defaultValue = DEFAULT_ENV_FILE,
                description = "env file written by 'devstack up' (default ${DEFAULT-VALUE})")
        Path envFile;
    }

    @Command(name = "fault", mixinStandardHelpOptions = true, versionProvider = Version.class, synopsisHeading = "usage: ",
            description = "Sets the faults of one service in one Region of the running devstack.")
    final class Fault extends ControlOptions implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--service", required = true, paramLabel = "s3|sqs|sns|redshift-data") String service;
        @Option(names = "--region", required = true, paramLabel = "us-east-1|us-west-2") String region;
        @Option(names = "--error-rate", paramLabel = "0..1", defaultValue = "0") double errorRate;
        @Option(names = "--throttle") boolean throttle;
        @Option(names = "--latency-ms", paramLabel = "N", defaultValue = "0") long latencyMs;
        @Option(names = "--duplicate-rate", paramLabel = "0..1", defaultValue = "0") double duplicateRate;

        @Override
        public Integer call() {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("service", service(spec, service).name());
            params.put("region", region(spec, region).id());
            params.put("errorRate", String.valueOf(errorRate));
            params.put("throttle", String.valueOf(throttle));
            params.put("latencyMs", String.valueOf(latencyMs));
            params.put("duplicateRate", String.valueOf(duplicateRate));
            out.println(control(spec, this).post("/faults", params));
            return CommandLine.ExitCode.OK;
        }
    }

    @Command(name = "region-down", mixinStandardHelpOptions = true, versionProvider = Version.class,
            synopsisHeading = "usage: ", description = "Takes a whole Region of the running devstack down (on) or up (off).")
    final class RegionDown extends ControlOptions implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "us-east-1|us-west-2") String region;
        @Parameters(index = "1", paramLabel = "on|off") String state;

        @Override
        public Integer call() {
            if (!state.equals("on") && !state.equals("off")) {
                throw new ParameterException(spec.commandLine(),
                        "region-down needs a Region and on|off, e.g. 'region-down us-east-1 on'");
            }
            out.println(control(spec, this).post("/region-down",
                    Map.of("region", region(spec, region).id(), "down", String.valueOf(state.equals("on")))));
            return CommandLine.ExitCode.OK;
        }
    }

    @Command(name = "faults", mixinStandardHelpOptions = true, versionProvider = Version.class,
            synopsisHeading = "usage: ", description = "faults clear: switches every fault of the running devstack off.")
    final class Faults extends ControlOptions implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "clear") String action;

        @Override
        public Integer call() {
            if (!action.equals("clear")) {
                throw new ParameterException(spec.commandLine(), "did you mean 'devstack faults clear'?");
            }
            out.println(control(spec, this).post("/faults/clear", Map.of()));
            return CommandLine.ExitCode.OK;
        }
    }

    /** Starts everything, prints endpoints, start-up time and memory, writes the env file. */
    RunningDevstack up(Path envFileOption, Path dataDir, WarehouseProfile profile) {
        Path envFile = envFileOption.toAbsolutePath();
        DevstackOptions.Builder options = DevstackOptions.builder().warehouseProfile(profile);
        if (dataDir != null) {
            options.dataDirectory(dataDir);
        }
        Devstack ds = Devstack.start(options.build());
        ControlServer control = ControlServer.start(ds.faults());
        RunningDevstack running = new RunningDevstack(ds, control, envFile);
        try {
            EnvFile.write(envFile, EnvFile.entries(ds, control.endpoint()));
        } catch (IOException e) {
            running.close();
            throw new UncheckedIOException("cannot write the env file " + envFile, e);
        }
        printReady(running);
        return running;
    }

    private void printReady(RunningDevstack running) {
        Devstack ds = running.devstack();
        out.printf("devstack ready in %.2f s (JVM CPU since launch %.1f s; load average %.1f on %d cores)%n",
                ds.startupTime().toMillis() / 1000.0, cpuSeconds(), loadAverage(), Runtime.getRuntime().availableProcessors());
        out.println("memory: " + MemoryReport.describe(ds));
        out.println("warehouse profile: " + ds.warehouseProfile().name()
                + (ds.warehouseProfile().modelsRedshift() ? " (Redshift's costs and Data API quotas)" : ""));
        out.println("S3 (both Regions, path-style)  " + ds.s3Endpoint());
        out.println("SNS (both Regions)             " + ds.snsEndpoint());
        for (DevRegion r : DevRegion.values()) {
            out.printf("%-10s SQS %s  Redshift Data %s  PostgreSQL %s%n", r.id(), ds.sqsEndpoint(r),
                    ds.redshiftDataEndpoint(r), ExternalServerUrl.withoutSecrets(ds.jdbcUrl(r)));
        }
        out.println("control                        " + running.control().endpoint());
        out.println("env file: " + running.envFile() + "   (load with: set -a; . " + running.envFile() + "; set +a)");
        out.println("Ctrl-C stops everything.");
        out.flush();
    }

    /** Start-up on a busy machine is CPU-bound: the CPU spent tells more than wall time when others share the cores. */
    private static double cpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(Double.NaN);
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static ControlClient control(CommandSpec spec, ControlOptions options) {
        String url = options.controlUrl;
        if (url == null) {
            url = System.getenv(EnvFile.CONTROL_URL);
        }
        Path envFile = options.envFile.toAbsolutePath();
        if (url == null) {
            try {
                url = EnvFile.read(envFile, EnvFile.CONTROL_URL).orElse(null);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + envFile, e);
            }
        }
        if (url == null) {
            throw new ParameterException(spec.commandLine(), "no running devstack found: no --control-url, no $"
                    + EnvFile.CONTROL_URL + " and no " + envFile + " (start one with 'devstack up')");
        }
        return new ControlClient(URI.create(url));
    }

    private static Service service(CommandSpec spec, String name) {
        try {
            return ControlServer.service(name);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static DevRegion region(CommandSpec spec, String id) {
        try {
            return DevRegion.of(id);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Library start-up chatter (zonky, Jetty, pekko) would bury the endpoints; warnings still show. */
    private static void quietLibraryLogging() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("pekko.loglevel", System.getProperty("pekko.loglevel", "WARNING"));
        // pekko warns it cannot add its own shutdown hook while ours is stopping it
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.pekko.actor.CoordinatedShutdown", "error");
    }

    /** The version Maven wrote into the jar's manifest ("development" when run from classes). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = DevstackCli.class.getPackage().getImplementationVersion();
            return new String[] {"paydr devstack " + (v == null ? "development" : v)};
        }
    }
}
