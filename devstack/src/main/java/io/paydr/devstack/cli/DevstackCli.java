package io.paydr.devstack.cli;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.devstack.DevstackOptions;
import io.paydr.devstack.control.ControlServer;
import io.paydr.devstack.faults.Service;
import io.paydr.devstack.postgres.internal.ExternalServerUrl;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code devstack up | fault | region-down | faults clear}: runs the local two-Region stack and switches its faults.
 * Exit codes: 0 done, 1 failed, 2 usage error.
 */
public final class DevstackCli {

    static final String DEFAULT_ENV_FILE = ".devstack/devstack.env";
    static final String USAGE = """
            usage:
              devstack up [--env-file PATH] [--data-dir DIR]
                  start S3, SNS, SQS and Redshift Data API for us-east-1 and us-west-2 plus PostgreSQL; write the
                  endpoints as KEY=value lines to PATH (default ./.devstack/devstack.env); run until Ctrl-C
              devstack fault --service s3|sqs|sns|redshift-data --region us-east-1|us-west-2
                  [--error-rate 0..1] [--throttle] [--latency-ms N] [--duplicate-rate 0..1]
              devstack region-down us-east-1|us-west-2 on|off
              devstack faults clear
            fault commands find the running devstack through --control-url URL, else $DEVSTACK_CONTROL_URL,
            else DEVSTACK_CONTROL_URL in --env-file PATH (default ./.devstack/devstack.env)
            """;

    private final PrintStream out;
    private final PrintStream err;

    DevstackCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) throws InterruptedException {
        quietLibraryLogging();
        DevstackCli cli = new DevstackCli(System.out, System.err);
        if (args.length > 0 && args[0].equals("up")) {
            System.exit(cli.upUntilStopped(List.of(args).subList(1, args.length)));
        }
        System.exit(cli.run(args));
    }

    /** Runs a fault command (or prints usage); {@code up} is handled by {@link #up}. */
    int run(String... args) {
        try {
            if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
                out.print(USAGE);
                return args.length == 0 ? 2 : 0;
            }
            List<String> rest = Arrays.asList(args).subList(1, args.length);
            String reply = switch (args[0]) {
                case "fault" -> fault(rest);
                case "region-down" -> regionDown(rest);
                case "faults" -> clear(rest);
                default -> throw new UsageException("unknown command '" + args[0] + "'");
            };
            out.println(reply);
            return 0;
        } catch (UsageException e) {
            err.println("devstack: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (RuntimeException e) {
            err.println("devstack: " + e.getMessage());
            return 1;
        }
    }

    /** Starts everything, prints endpoints, start-up time and memory, writes the env file. */
    RunningDevstack up(List<String> args) {
        Arguments a = Arguments.parse(args, Set.of("--env-file", "--data-dir"), Set.of());
        if (!a.positionals().isEmpty()) {
            throw new UsageException("'up' takes no arguments, got " + a.positionals());
        }
        Path envFile = Path.of(a.option("--env-file", DEFAULT_ENV_FILE)).toAbsolutePath();
        DevstackOptions.Builder options = DevstackOptions.builder();
        if (a.option("--data-dir") != null) {
            options.dataDirectory(Path.of(a.option("--data-dir")));
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

    private int upUntilStopped(List<String> args) throws InterruptedException {
        RunningDevstack running;
        try {
            running = up(args);
        } catch (UsageException e) {
            err.println("devstack: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (RuntimeException e) {
            err.println("devstack: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("devstack: stopping");
            running.close();
            out.println("devstack: stopped");
            stopped.countDown();
        }, "devstack-stop"));
        stopped.await();
        return 0;
    }

    private void printReady(RunningDevstack running) {
        Devstack ds = running.devstack();
        out.printf("devstack ready in %.2f s (JVM CPU since launch %.1f s; load average %.1f on %d cores)%n",
                ds.startupTime().toMillis() / 1000.0, cpuSeconds(), loadAverage(), Runtime.getRuntime().availableProcessors());
        out.println("memory: " + MemoryReport.describe(ds));
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

    private String fault(List<String> args) {
        Arguments a = Arguments.parse(args, Set.of("--service", "--region", "--error-rate", "--latency-ms",
                "--duplicate-rate", "--control-url", "--env-file"), Set.of("--throttle"));
        noPositionals(a, "fault");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("service", service(required(a, "--service")).name());
        params.put("region", region(required(a, "--region")).id());
        params.put("errorRate", String.valueOf(a.number("--error-rate")));
        params.put("throttle", String.valueOf(a.flag("--throttle")));
        params.put("latencyMs", String.valueOf((long) a.number("--latency-ms")));
        params.put("duplicateRate", String.valueOf(a.number("--duplicate-rate")));
        return control(a).post("/faults", params);
    }

    private String regionDown(List<String> args) {
        Arguments a = Arguments.parse(args, Set.of("--control-url", "--env-file"), Set.of());
        List<String> p = a.positionals();
        if (p.size() != 2 || !(p.get(1).equals("on") || p.get(1).equals("off"))) {
            throw new UsageException("region-down needs a Region and on|off, e.g. 'region-down us-east-1 on'");
        }
        return control(a).post("/region-down", Map.of("region", region(p.get(0)).id(), "down", String.valueOf(p.get(1).equals("on"))));
    }

    private String clear(List<String> args) {
        Arguments a = Arguments.parse(args, Set.of("--control-url", "--env-file"), Set.of());
        if (!a.positionals().equals(List.of("clear"))) {
            throw new UsageException("did you mean 'devstack faults clear'?");
        }
        return control(a).post("/faults/clear", Map.of());
    }

    private static ControlClient control(Arguments a) {
        String url = a.option("--control-url");
        if (url == null) {
            url = System.getenv(EnvFile.CONTROL_URL);
        }
        Path envFile = Path.of(a.option("--env-file", DEFAULT_ENV_FILE)).toAbsolutePath();
        if (url == null) {
            try {
                url = EnvFile.read(envFile, EnvFile.CONTROL_URL).orElse(null);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + envFile, e);
            }
        }
        if (url == null) {
            throw new UsageException("no running devstack found: no --control-url, no $" + EnvFile.CONTROL_URL
                    + " and no " + envFile + " (start one with 'devstack up')");
        }
        return new ControlClient(URI.create(url));
    }

    private static Service service(String name) {
        try {
            return ControlServer.service(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static DevRegion region(String id) {
        try {
            return DevRegion.of(id);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static String required(Arguments a, String name) {
        String value = a.option(name);
        if (value == null) {
            throw new UsageException("missing " + name);
        }
        return value;
    }

    private static void noPositionals(Arguments a, String command) {
        if (!a.positionals().isEmpty()) {
            throw new UsageException("'" + command + "' takes options only, got " + a.positionals());
        }
    }

    /** Library start-up chatter (zonky, Jetty, pekko) would bury the endpoints; warnings still show. */
    private static void quietLibraryLogging() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("pekko.loglevel", System.getProperty("pekko.loglevel", "WARNING"));
        // pekko warns it cannot add its own shutdown hook while ours is stopping it
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.pekko.actor.CoordinatedShutdown", "error");
    }
}
