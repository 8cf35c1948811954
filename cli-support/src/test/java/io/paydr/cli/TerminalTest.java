package io.paydr.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Standard error is judged on its own: a pipe is not a terminal, a pseudo-terminal (script(1)) is, and redirecting
 * only standard error away from the pseudo-terminal makes it not one, whatever standard output is.
 */
class TerminalTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String MAIN = JAVA + " -cp " + System.getProperty("java.class.path") + " " + Terminal.class.getName();

    @Test
    void aPipeIsNotATerminal() throws Exception {
        assertEquals("stderr: not a terminal", run(List.of("sh", "-c", MAIN)));
    }

    @Test
    void aPseudoTerminalIsOneAndOnlyForTheStreamThatIsOnIt() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "script(1) gives a pseudo-terminal");
        assertEquals("stderr: terminal", run(List.of("/usr/bin/script", "-qec", MAIN, "/dev/null")));
        assertEquals("stderr: not a terminal", run(List.of("/usr/bin/script", "-qec", MAIN + " 2>/dev/null", "/dev/null")));
        assertEquals("stderr: terminal", run(List.of("/usr/bin/script", "-qec", MAIN + " >/dev/tty", "/dev/null")));
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.lines().filter(l -> l.startsWith("stderr:")).findFirst().orElse(out).strip();
    }
}
