package io.paydr.devstack.cli;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.internal.Clients;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code devstack up} as a real subprocess (its own JVM, stopped by a signal as Ctrl-C would), driven by the fault
 * commands of the CLI and checked through SDK clients built from the env file it writes.
 */
class DevstackCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final DevstackCli cli = new DevstackCli(new PrintStream(out, true), new PrintStream(err, true));

    @Test
    void upWritesTheEnvFileFaultCommandsSwitchTheRunningStackAndStopLeavesNothingBehind(@TempDir Path dir) throws Exception {
        Path envFile = dir.resolve("devstack.env");
        Path log = dir.resolve("up.log");
        Process up = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                DevstackCli.class.getName(), "up", "--env-file", envFile.toString(), "--warehouse-profile", "redshift")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Map<String, String> env = awaitEnvFile(envFile, up, log);
            assertTrue(Files.readString(log).contains("devstack ready in"), Files.readString(log));
            assertTrue(Files.readString(log).contains("warehouse profile: redshift (Redshift's costs and Data API quotas)"),
                    Files.readString(log));
            for (String key : List.of("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL_SNS", "AWS_ENDPOINT_URL_SQS_US_EAST_1",
                    "AWS_ENDPOINT_URL_SQS_US_WEST_2", "AWS_ENDPOINT_URL_REDSHIFT_DATA_US_EAST_1",
                    "AWS_ENDPOINT_URL_REDSHIFT_DATA_US_WEST_2", "DEVSTACK_JDBC_URL_US_EAST_1", "DEVSTACK_JDBC_URL_US_WEST_2",
                    "DEVSTACK_CONTROL_URL", "PAYDR_S3_PATH_STYLE")) {
                assertTrue(env.containsKey(key), key + " missing from " + env.keySet());
            }
            everyEndpointAnswers(env);
            faultCommandsReachTheRunningStack(env, envFile);
            List<ProcessHandle> postgres = PostgresProcesses.serving(URI.create(env.get("DEVSTACK_JDBC_URL_US_EAST_1").substring(5)).getPort());
            assertFalse(postgres.isEmpty(), "found the postmaster of the running stack");

            up.destroy();
            assertTrue(up.waitFor(60, TimeUnit.SECONDS), "devstack stopped within 60 s of the signal");
            assertTrue(Files.readString(log).contains("devstack: stopped"), Files.readString(log));
            assertFalse(Files.exists(envFile), "the env file is removed on stop");
            // the postmaster's last children may still be exiting when the JVM is gone: allow them a moment
            assertTrue(allExitWithin(postgres, Duration.ofSeconds(15)), "PostgreSQL stopped with devstack");
            URI s3 = URI.create(env.get("AWS_ENDPOINT_URL_S3"));
            assertThrows(ConnectException.class, () -> new Socket(s3.getHost(), s3.getPort()).close());
        } finally {
            up.destroyForcibly();
        }
    }

    @Test
    void withoutUserNamespacesRootIsToldHowToGetAWarehouse(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0,
                "only root needs user namespaces for PostgreSQL");
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                DevstackCli.class.getName(), "up", "--env-file", dir.resolve("devstack.env").toString())
                .redirectErrorStream(true);
        builder.environment().put("PATH", dir.toString());
        builder.environment().remove("DEVSTACK_JDBC_URL");
        Process up = builder.start();
        assertTrue(up.waitFor(120, TimeUnit.SECONDS), "a failed start-up ends the process");
        String output = new String(up.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, up.exitValue(), output);
        assertTrue(output.contains("'unshare -U'") && output.contains("Run as a non-root user, or set DEVSTACK_JDBC_URL"),
                output);
        assertFalse(Files.exists(dir.resolve("devstack.env")));
    }

    @Test
    void helpAndVersionOfEveryCommandPrintToStdoutAndExitZero() {
        for (String command : new String[] {null, "up", "fault", "region-down", "faults"}) {
            for (String option : new String[] {"--help", "--version"}) {
                out.reset();
                err.reset();
                String[] args = command == null ? new String[] {option} : new String[] {command, option};
                assertEquals(0, cli.run(args), String.join(" ", args) + ": " + err());
                String stdout = out.toString(StandardCharsets.UTF_8);
                assertTrue(stdout.startsWith(option.equals("--help") ? "usage: devstack" : "paydr devstack "),
                        String.join(" ", args) + ": " + stdout);
                assertEquals("", err(), String.join(" ", args));
            }
        }
    }

    @Test
    void usageErrorsExitWithTwoAndSayWhatIsWrong() {
        assertEquals(2, cli.run());
        assertEquals(2, cli.run("bogus"));
        assertTrue(err().contains("Unmatched argument at index 0: 'bogus'"), err());
        assertEquals(2, cli.run("fault", "--service", "ec2", "--region", "us-east-1", "--control-url", "http://127.0.0.1:1"));
        assertTrue(err().contains("unknown service 'ec2'"), err());
        assertEquals(2, cli.run("region-down", "us-east-1"));
        assertEquals(2, cli.run("up", "--warehouse-profile", "slow"));
        assertTrue(err().contains("unknown warehouse profile 'slow': use fast (the default) or redshift"), err());
        assertTrue(err().contains("on|off"), err());
        assertEquals(2, cli.run("region-down", "eu-west-1", "on", "--control-url", "http://127.0.0.1:1"));
        assertTrue(err().contains("us-east-1 and us-west-2"), err());
        assertEquals(2, cli.run("fault", "--service", "s3", "--error-rate"));
        assertTrue(err().contains("Missing required parameter for option '--error-rate'"), err());
        assertEquals(2, cli.run("faults", "clear", "--env-file", "/nonexistent/devstack.env"));
        assertTrue(err().contains("no running devstack found"), err());
        assertEquals(1, cli.run("faults", "clear", "--control-url", "http://127.0.0.1:1"));
        assertTrue(err().contains("no devstack answers at http://127.0.0.1:1"), err());
    }

    private static boolean allExitWithin(List<ProcessHandle> processes, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (processes.stream().anyMatch(ProcessHandle::isAlive)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private void everyEndpointAnswers(Map<String, String> env) {
        try (S3Client s3 = Clients.build(S3Client.builder().forcePathStyle(true), URI.create(env.get("AWS_ENDPOINT_URL_S3")), DevRegion.PRIMARY);
             SnsClient sns = Clients.build(SnsClient.builder(), URI.create(env.get("AWS_ENDPOINT_URL_SNS")), DevRegion.PRIMARY)) {
            s3.listBuckets();
            sns.listTopics();
        }
        for (DevRegion r : DevRegion.values()) {
            String suffix = "_" + r.id().toUpperCase().replace('-', '_');
            try (SqsClient sqs = Clients.build(SqsClient.builder(), URI.create(env.get("AWS_ENDPOINT_URL_SQS" + suffix)), r);
                 RedshiftDataClient data = Clients.build(RedshiftDataClient.builder(),
                         URI.create(env.get("AWS_ENDPOINT_URL_REDSHIFT_DATA" + suffix)), r)) {
                String queueUrl = sqs.createQueue(b -> b.queueName("cli")).queueUrl();
                assertTrue(queueUrl.startsWith(env.get("AWS_ENDPOINT_URL_SQS" + suffix)), queueUrl);
                data.listStatements(b -> b.maxResults(1));
            }
            try (var c = DriverManager.getConnection(env.get("DEVSTACK_JDBC_URL" + suffix))) {
                assertTrue(c.isValid(2));
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
        }
    }

    private void faultCommandsReachTheRunningStack(Map<String, String> env, Path envFile) {
        URI s3Endpoint = URI.create(env.get("AWS_ENDPOINT_URL_S3"));
        try (S3Client s3 = Clients.build(S3Client.builder().forcePathStyle(true), s3Endpoint, DevRegion.PRIMARY);
             SqsClient westSqs = Clients.build(SqsClient.builder(), URI.create(env.get("AWS_ENDPOINT_URL_SQS_US_WEST_2")), DevRegion.SECONDARY)) {
            s3.createBucket(b -> b.bucket("cli-us-east-1"));
            s3.putObject(b -> b.bucket("cli-us-east-1").key("k"), RequestBody.fromString("v"));

            assertEquals(0, cli.run("fault", "--service", "s3", "--region", "us-east-1", "--error-rate", "1.0",
                    "--env-file", envFile.toString()), err());
            assertEquals(500, assertThrows(S3Exception.class, () -> s3.getObject(b -> b.bucket("cli-us-east-1").key("k"))).statusCode());

            assertEquals(0, cli.run("region-down", "us-west-2", "on", "--env-file", envFile.toString()), err());
            assertEquals(503, assertThrows(SqsException.class, westSqs::listQueues).statusCode());

            assertEquals(2, cli.run("fault", "--service", "s3", "--region", "us-east-1", "--error-rate", "1.5",
                    "--env-file", envFile.toString()));
            assertTrue(err().contains("errorRate must be within 0..1"), err());

            assertEquals(0, cli.run("faults", "clear", "--env-file", envFile.toString()), err());
            assertEquals("v", s3.getObjectAsBytes(b -> b.bucket("cli-us-east-1").key("k")).asUtf8String());
            westSqs.listQueues();
        }
    }

    private static Map<String, String> awaitEnvFile(Path envFile, Process up, Path log) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!Files.exists(envFile) || !Files.readString(log).contains("Ctrl-C")) {
            if (!up.isAlive()) {
                throw new AssertionError("devstack up exited with " + up.exitValue() + ":\n" + Files.readString(log));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("devstack up was not ready within 90 s:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        Map<String, String> env = EnvFile.parse(Files.readAllLines(envFile));
        // the file as the README loads it: every variable reaches a shell's children with the value devstack wrote
        for (String shell : List.of("/bin/sh", "bash")) {
            Map<String, String> sourced = EnvFileTest.source(shell, envFile);
            env.forEach((k, v) -> assertEquals(v, sourced.get(k), shell + " sourced " + k));
        }
        return env;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
