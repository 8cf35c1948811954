package io.paydr.ingest.handler;

import static io.paydr.ingest.handler.TestStack.payments;
import static io.paydr.ingest.handler.TestStack.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paydr.contract.ContentEncoding;
import io.paydr.devstack.DevRegion;
import io.paydr.ingest.handler.TestStack.Payload;
import io.paydr.ingest.internal.InvocationLog;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The deployment jar as Lambda starts it: a fresh JVM with nothing on the class path but paydr-ingest.jar (and
 * {@link ColdStartProbe}), the no-arg constructor reading the process environment, one invocation against devstack.
 * Its standard error must be empty (no "SLF4J(W): No SLF4J providers were found"), and its standard output only
 * JSON lines: a library's warning through the jar's own binding, the request id on the invocation's lines.
 * Runs in the integration-test phase, on the jar the package phase has just built (the pom's deployment-jar
 * execution sets {@code paydr.deploymentJar}).
 */
class DeploymentJarTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theJarLogsOnlyJsonAndNothingToStandardError() throws Exception {
        String jar = System.getProperty("paydr.deploymentJar");
        Assumptions.assumeTrue(jar != null && Files.isRegularFile(Path.of(jar)),
                "runs in the integration-test phase, after package has built target/paydr-ingest.jar");
        TestStack stack = new TestStack();
        Payload payload = stack.publish(stack.sourceBucket, payments("jar", 4), ContentEncoding.GZIP);
        Path event = Files.createTempFile("paydr-jar-event", ".json");
        Files.writeString(event, JSON.createObjectNode().set("Records", JSON.createArrayNode()
                .add(record("sqs-pointer", payload, "m-jar-1"))).toString());

        String testClasses = Path.of(ColdStartProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + File.pathSeparator + testClasses, ColdStartProbe.class.getName(), event.toString());
        builder.environment().putAll(stack.environment(DevRegion.PRIMARY, Map.of("AWS_LAMBDA_LOG_LEVEL", "WARN")));
        Process process = builder.start();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String stdout = read(process.getInputStream());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the probe did not finish");
        Files.deleteIfExists(event);

        assertEquals("", stderr.get(), "nothing on standard error, SLF4J's warning included");
        List<JsonNode> lines = new ArrayList<>();
        JsonNode probe = null;
        for (String line : stdout.lines().toList()) {
            if (line.startsWith("PROBE ")) {
                probe = JSON.readTree(line.substring("PROBE ".length()));
            } else {
                lines.add(JSON.readTree(line)); // throws on anything but one JSON object per line
            }
        }
        assertTrue(probe != null, "no PROBE line:\n" + stdout);
        assertEquals(0, probe.path("failures").asInt(), stdout);
        assertEquals("io.paydr.ingest.internal.slf4j.JsonLogLogger", probe.path("slf4jLogger").asText(),
                "the jar's own binding");

        for (JsonNode line : lines) {
            Instant.parse(line.path("timestamp").asText());
            assertFalse(line.path("level").asText().isEmpty(), line.toString());
        }
        assertEquals("handler_started", lines.get(0).path("event").asText());
        JsonNode metrics = lines.stream().filter(l -> l.has("_aws")).findFirst().orElseThrow();
        assertEquals("WARN", metrics.path("level").asText(), "passes Lambda's filter at WARN");
        assertEquals(ColdStartProbe.REQUEST_ID, metrics.path(InvocationLog.REQUEST_ID).asText());
        JsonNode summary = lines.stream().filter(l -> l.path("event").asText().equals("batch_processed"))
                .findFirst().orElseThrow();
        assertEquals(ColdStartProbe.REQUEST_ID, summary.path(InvocationLog.REQUEST_ID).asText());
        JsonNode warning = lines.get(lines.size() - 1);
        assertEquals("library_log", warning.path("event").asText(), stdout);
        assertEquals("WARN", warning.path("level").asText());
        assertEquals("io.paydr.probe", warning.path("logger").asText());
        assertEquals("probe warning 42", warning.path("message").asText());
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
