package io.paydr.devstack.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The env file sources cleanly, as devstack/README.md says to load it ({@code set -a; . FILE; set +a}), in /bin/sh
 * and in bash: every variable arrives exported with its exact value, JDBC URLs with {@code &} included.
 */
class EnvFileTest {

    /** The shapes devstack writes, and what a shell would otherwise act on. */
    static Map<String, String> hostileEntries() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:45241");
        env.put("DEVSTACK_JDBC_URL_US_EAST_1",
                "jdbc:postgresql://localhost:35885/payments_us_east_1?user=postgres&password=postgres");
        env.put("DEVSTACK_JDBC_URL_US_WEST_2",
                "jdbc:postgresql://localhost:35885/payments_us_west_2?user=postgres&password=p&ss;w0rd|x>y<z");
        env.put("QUOTES", "it's \"quoted\" 'twice''");
        env.put("EXPANSIONS", "$HOME ${PATH} $(id) `id` \\n \\ * ? [a] ~ # !");
        env.put("SPACES", "  two  spaces  ");
        env.put("EMPTY", "");
        env.put("UNICODE", "zürich – 東京");
        return env;
    }

    @Test
    void everyVariableSourcesWithItsExactValueInShAndBash(@TempDir Path dir) throws Exception {
        Map<String, String> entries = hostileEntries();
        Path file = dir.resolve("devstack.env");
        EnvFile.write(file, entries);
        for (String shell : List.of("/bin/sh", "bash")) {
            Map<String, String> sourced = source(shell, file);
            entries.forEach((k, v) -> assertEquals(v, sourced.get(k), shell + ": " + k + " in\n" + read(file)));
        }
    }

    @Test
    void parseReadsBackWhatWriteWrote(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("devstack.env");
        EnvFile.write(file, hostileEntries());
        assertEquals(hostileEntries(), EnvFile.parse(Files.readAllLines(file)));
        assertEquals("jdbc:postgresql://localhost:35885/payments_us_east_1?user=postgres&password=postgres",
                EnvFile.read(file, "DEVSTACK_JDBC_URL_US_EAST_1").orElseThrow());
        assertTrue(EnvFile.read(dir.resolve("missing.env"), "AWS_REGION").isEmpty());
    }

    @Test
    void namesAndLineBreaksAShellCannotTakeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> EnvFile.assignment("AWS-REGION", "x"));
        assertThrows(IllegalArgumentException.class, () -> EnvFile.assignment("X; rm -rf ~", "x"));
        assertThrows(IllegalArgumentException.class, () -> EnvFile.assignment("X", "a\nY=b"));
        assertThrows(IllegalArgumentException.class, () -> EnvFile.parse(List.of("X='unterminated")));
    }

    /**
     * Sources the file as the README says and returns the environment a child process then sees (env -0: values
     * may hold anything but NUL).
     */
    static Map<String, String> source(String shell, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(shell, "-c", "set -a; . \"$0\"; set +a; exec env -0", file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), shell + " failed to source " + file);
        Map<String, String> env = new LinkedHashMap<>();
        for (String pair : new String(out, StandardCharsets.UTF_8).split("\0")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                env.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return env;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
