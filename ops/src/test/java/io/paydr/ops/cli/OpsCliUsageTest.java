package io.paydr.ops.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Usage errors exit 2 before any service is called (no endpoint is configured here, none is needed). */
class OpsCliUsageTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final OpsCli cli = new OpsCli(Map.of("AWS_REGION", "us-east-1"), new PrintStream(out, true),
            new PrintStream(err, true));

    @Test
    void noCommandPrintsUsageAndExits2() {
        assertEquals(ExitCode.USAGE, cli.run());
        assertTrue(stderr().contains("usage: java -jar paydr-ops.jar"), stderr());
    }

    @Test
    void helpAndVersionOfEveryCommandPrintToStdoutAndExit0() {
        for (String[] args : new String[][] {{"--help"}, {"--version"}, {"reconcile", "--help"}, {"replay", "--help"},
                {"redrive", "--help"}, {"reconcile", "--version"}, {"replay", "--version"}, {"redrive", "--version"},
                {"help", "replay"}}) {
            out.reset();
            err.reset();
            assertEquals(ExitCode.OK, cli.run(args), String.join(" ", args) + ": " + stderr());
            String stdout = out.toString(StandardCharsets.UTF_8);
            assertTrue(stdout.startsWith("usage: ") || stdout.startsWith("paydr-ops "), String.join(" ", args) + ": " + stdout);
            assertEquals("", stderr(), String.join(" ", args));
        }
    }

    @Test
    void helpExits0() {
        assertEquals(ExitCode.OK, cli.run("help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("reconcile") && out.toString(StandardCharsets.UTF_8).contains("redrive"));
    }

    @Test
    void unknownCommandExits2() {
        assertEquals(ExitCode.USAGE, cli.run("reconcil"));
        assertTrue(stderr().contains("Unmatched argument at index 0: 'reconcil'"), stderr());
    }

    @Test
    void reconcileWithoutSecondaryExits2NamingIt() {
        assertEquals(ExitCode.USAGE, cli.run("reconcile", "--from", "2026-11-25", "--to", "2026-11-26",
                "--primary", "us-east-1:paydr-us-east-1:payments"));
        assertTrue(stderr().contains("Missing required option: '--secondary=REGION:WORKGROUP:DB'"), stderr());
    }

    @Test
    void reconcileWithBadTimeExits2() {
        assertEquals(ExitCode.USAGE, cli.run("reconcile", "--from", "soon", "--to", "2026-11-26",
                "--primary", "us-east-1:a:payments", "--secondary", "us-west-2:b:payments"));
        assertTrue(stderr().contains("--from 'soon'"), stderr());
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void oneEndpointForBothWarehousesIsRefusedBecauseItWouldCompareOneWithItself() {
        OpsCli oneEndpoint = new OpsCli(Map.of("AWS_REGION", "us-east-1",
                "AWS_ENDPOINT_URL_REDSHIFT_DATA", "http://localhost:1"), new PrintStream(out, true),
                new PrintStream(err, true));
        assertEquals(ExitCode.USAGE, oneEndpoint.run("reconcile", "--from", "2026-11-25", "--to", "2026-11-26",
                "--primary", "us-east-1:a:payments", "--secondary", "us-west-2:b:payments"));
        assertTrue(stderr().contains("both warehouses resolve to the same endpoint http://localhost:1"), stderr());
    }
}
