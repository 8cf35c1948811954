package io.paydr.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paydr.sam.RepoFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * paydr-local as a user runs it: its own process, a fresh working directory, stdout and stderr piped apart. Help and
 * version on stdout with exit 0; usage errors on stderr with exit 2; a run's report as one JSON document on stdout
 * with plain progress on stderr (no carriage return, each task's 100 % line once); the function log where stderr
 * says, and nothing at all in the working directory.
 */
class LocalCliConventionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Result(int exit, String out, String err) {
    }

    @Test
    void helpAndVersionPrintToStdoutAndExitZero(@TempDir Path cwd, @TempDir Path tmp) throws Exception {
        for (List<String> args : List.of(List.of("--help"), List.of("run", "--help"), List.of("drill", "--help"),
                List.of("drill", "region-outage", "--help"), List.of("drill", "replication-lag", "--help"),
                List.of("invoke", "--help"))) {
            Result r = run(cwd, tmp, args);
            assertEquals(0, r.exit(), args + ": " + r);
            assertTrue(r.out().toLowerCase().contains("usage:") && r.err().isEmpty(), args + ": " + r);
        }
        for (List<String> args : List.of(List.of("--version"), List.of("run", "--version"),
                List.of("drill", "region-outage", "--version"), List.of("invoke", "--version"))) {
            Result r = run(cwd, tmp, args);
            assertEquals(0, r.exit(), args + ": " + r);
            assertTrue(r.out().startsWith("paydr-local ") && r.err().isEmpty(), args + ": " + r);
        }
        assertEmpty(cwd);
    }

    @Test
    void usageErrorsGoToStderrWithExitTwo(@TempDir Path cwd, @TempDir Path tmp) throws Exception {
        Result r = run(cwd, tmp, List.of("run", "--batches", "many"));
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.out().isEmpty() && r.err().contains("--batches") && r.err().contains("Usage:"), r.toString());
        r = run(cwd, tmp, List.of());
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("give a command: run, drill or invoke"), r.toString());
        r = run(cwd, tmp, List.of("invoke"));
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.out().isEmpty() && r.err().contains("--event"), r.toString());
        assertEmpty(cwd);
    }

    @Test
    void aRunPrintsOneJsonDocumentKeepsProgressOnStderrAndWritesNothingHere(@TempDir Path cwd, @TempDir Path tmp)
            throws Exception {
        Result r = run(cwd, tmp, List.of("run", "--json", "--batches", "3", "--records-per-batch", "20",
                "--load-timeout", "120"));
        assertEquals(0, r.exit(), r.toString());
        JsonNode report = onlyJsonDocument(r.out());
        assertEquals("MATCH", report.get("verdict").asText(), r.out());
        assertEquals(60, report.get("published").get("records").asInt());
        assertEquals(2, report.get("regions").size());

        Path log = Path.of(report.get("function_log").asText());
        assertTrue(r.err().contains("function log: " + log), r.err());
        assertTrue(log.startsWith(tmp) && Files.size(log) > 0, "the function log is in the temporary directory: " + log);
        assertFalse(r.err().contains("\r"), "plain progress in a pipe:\n" + r.err());
        for (String task : List.of("publish: ", "load both Regions: ")) {
            assertEquals(1, r.err().lines().filter(l -> l.startsWith(task) && l.contains("(100%)")).count(),
                    task + "100% once:\n" + r.err());
        }
        assertEmpty(cwd);
    }

    @Test
    void invokePrintsItsReportAsJsonAndTheFunctionLogOnStderr(@TempDir Path cwd, @TempDir Path tmp) throws Exception {
        Result r = run(cwd, tmp, List.of("invoke", "--json", "--event", RepoFiles.path("events/sqs-pointer-raw.json")
                .toString(), "--template", RepoFiles.path("template.yaml").toString()));
        assertEquals(0, r.exit(), r.toString());
        JsonNode report = onlyJsonDocument(r.out());
        assertEquals("IngestFunction", report.get("function").asText());
        assertEquals(0, report.get("response").get("batchItemFailures").size(), r.out());
        assertTrue(report.get("function_log").isNull(), "the function log went to stderr: " + r.out());
        assertFalse(r.err().isEmpty(), "the function's log lines are on stderr");
        assertEmpty(cwd);
    }

    /** The whole of stdout is exactly one JSON document. */
    private static JsonNode onlyJsonDocument(String out) throws IOException {
        try (var parser = JSON.createParser(out)) {
            JsonNode doc = JSON.readTree(parser);
            assertTrue(doc != null && doc.isObject(), "a JSON object on stdout:\n" + out);
            assertEquals(null, parser.nextToken(), "nothing after the document:\n" + out);
            return doc;
        }
    }

    private static void assertEmpty(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "nothing written into the working directory");
        }
    }

    private static Result run(Path cwd, Path tmp, List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"), LocalCli.class.getName()));
        command.addAll(args);
        Path out = Files.createTempFile(tmp, "stdout", ".txt");
        Path err = Files.createTempFile(tmp, "stderr", ".txt");
        Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(args + " did not end within 5 minutes:\n" + Files.readString(err));
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }
}
