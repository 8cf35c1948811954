package io.paydr.local.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Usage of the CLI: the commands exist, options have defaults, bad usage exits 2 without starting anything. */
class LocalCliTest {

    @Test
    void helpListsTheCommandsAndOptions() {
        assertTrue(usage().contains("run") && usage().contains("drill"), usage());
        String run = usage("run");
        for (String option : new String[] {"--batches", "--records-per-batch", "--rate", "--[no-]gzip", "--seed",
                "--batch-size", "--batching-window", "--max-concurrency"}) {
            assertTrue(run.contains(option), option + " in\n" + run);
        }
        assertTrue(usage("drill", "region-outage").contains("--outage"));
        assertTrue(usage("drill", "replication-lag").contains("--replication-delay"));
    }

    @Test
    void badUsageExitsWithTwo() {
        CommandLine cli = new CommandLine(new LocalCli());
        cli.setErr(new PrintWriter(new StringWriter()));
        assertEquals(2, cli.execute("run", "--batches", "many"));
        assertEquals(2, cli.execute("drill", "meteor-strike"));
    }

    private static String usage(String... path) {
        CommandLine cli = new CommandLine(new LocalCli());
        for (String p : path) {
            cli = cli.getSubcommands().get(p);
        }
        return cli.getUsageMessage();
    }
}
