package io.paydr.local.cli;

import io.paydr.cli.Console;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

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
        LocalCli cli = new LocalCli(new Console(new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()), false));
        assertEquals(2, cli.run("run", "--batches", "many"));
        assertEquals(2, cli.run("drill", "meteor-strike"));
        assertEquals(2, cli.run("drill"));
        assertEquals(2, cli.run());
    }

    private static String usage(String... path) {
        CommandLine cli = new CommandLine(new LocalCli(new Console(System.out, System.err, false)))
                .addSubcommand(new RunCommand(null))
                .addSubcommand("drill", new CommandLine(new DrillCommand())
                        .addSubcommand(new DrillCommand.RegionOutage(null))
                        .addSubcommand(new DrillCommand.ReplicationLag(null)));
        for (String p : path) {
            cli = cli.getSubcommands().get(p);
        }
        return cli.getUsageMessage();
    }
}
