package io.paydr.tools;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The conventions of every paydr command, for paydr-tools and each of its commands. */
class ToolsCliTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return ToolsCli.run(args, Map.of(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpAndVersionPrintToStdoutAndExitZero() {
        for (String[] args : new String[][] {{"--help"}, {"publish", "--help"}}) {
            assertEquals(0, run(args), String.join(" ", args));
            assertTrue(stdout().startsWith("usage: paydr-tools") && stderr().isEmpty(), stdout() + stderr());
        }
        for (String[] args : new String[][] {{"--version"}, {"publish", "--version"}}) {
            assertEquals(0, run(args), String.join(" ", args));
            assertTrue(stdout().startsWith("paydr-tools ") && stderr().isEmpty(), stdout() + stderr());
        }
    }

    @Test
    void usageErrorsExitTwoOnStderrNamingWhatIsWrong() {
        assertEquals(2, run());
        assertTrue(stderr().contains("give a command: publish") && stdout().isEmpty(), stderr());
        assertEquals(2, run("publish", "--bucket", "b"));
        assertTrue(stderr().contains("Missing required option: '--topic-arn=ARN'") && stdout().isEmpty(), stderr());
        assertEquals(2, run("publsh"));
        assertTrue(stderr().contains("Unmatched argument at index 0: 'publsh'"), stderr());
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
