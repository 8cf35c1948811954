package io.paydr.ingest.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line of the migration command (the deployment jar's Main-Class); migrations: MigrationIntegrationTest. */
class MigrateCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return MigrateCommand.run(args, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpGoesToStdoutAndExitsZeroWithoutConfiguration() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: java -jar paydr-ingest.jar"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("DATASET_TABLES"));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertEquals(0, run("-h"));
    }

    @Test
    void versionGoesToStdout() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("paydr-ingest "));
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unknownArgumentsAreAUsageErrorOnStderr() {
        assertEquals(2, run("--stauts"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown arguments: --stauts"));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void missingConfigurationNamesTheVariable() {
        assertEquals(2, run("--status"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("configuration error: AWS_REGION"), err.toString(StandardCharsets.UTF_8));
    }
}
