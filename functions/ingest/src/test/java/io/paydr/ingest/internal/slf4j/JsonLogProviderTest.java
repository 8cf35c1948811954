package io.paydr.ingest.internal.slf4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paydr.ingest.internal.InvocationLog;
import io.paydr.ingest.internal.JsonLog;
import io.paydr.ingest.template.TestLambdaContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * The function's SLF4J binding, used directly (this module's tests run with devstack's slf4j-simple; the deployment
 * jar's use of it is DeploymentJarTest's): library lines become JSON lines at WARN and above.
 */
class JsonLogProviderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void warningsAndErrorsBecomeJsonLinesWithTheRequestIdAndLessSevereLinesAreDropped() throws Exception {
        JsonLogProvider provider = new JsonLogProvider();
        provider.initialize();
        Logger logger = provider.getLoggerFactory().getLogger("software.amazon.awssdk.request");
        assertFalse(logger.isInfoEnabled());
        assertFalse(logger.isDebugEnabled());
        assertTrue(logger.isWarnEnabled());

        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream previous = JsonLog.redirect(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try (InvocationLog.Scope ignored = InvocationLog.open(TestLambdaContext.withRequestId("req-lib", 1000))) {
            logger.debug("Sending Request: {}", "body");
            logger.info("Received successful response: {}", 200);
            logger.warn("Retrying {} after {} ms", "PutObject", 40);
            logger.error("Failed: {}", "x", new IllegalStateException("ERROR: null value in column\nDetail: "
                    + "Failing row contains (txn-1, secret merchant)"));
        } finally {
            JsonLog.redirect(previous);
        }
        List<JsonNode> lines = buffer.toString(StandardCharsets.UTF_8).lines().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (Exception e) {
                throw new AssertionError(l, e);
            }
        }).toList();
        assertEquals(2, lines.size(), "DEBUG and INFO are dropped: " + lines);
        assertEquals("WARN", lines.get(0).path("level").asText());
        assertEquals("library_log", lines.get(0).path("event").asText());
        assertEquals("software.amazon.awssdk.request", lines.get(0).path("logger").asText());
        assertEquals("Retrying PutObject after 40 ms", lines.get(0).path("message").asText());
        assertEquals("req-lib", lines.get(0).path(InvocationLog.REQUEST_ID).asText());
        assertEquals("ERROR", lines.get(1).path("level").asText());
        assertEquals(IllegalStateException.class.getName(), lines.get(1).path("error").asText());
        assertEquals("ERROR: null value in column", lines.get(1).path("errorMessage").asText());
        assertFalse(lines.get(1).toString().contains("secret merchant"), "row contents in the log");
        assertFalse(lines.get(1).toString().contains("at io.paydr"), "no stack trace");
    }

    @Test
    void theDeploymentJarRegistersTheProvider() throws Exception {
        // the service file the shade plugin puts into paydr-ingest.jar, and only there
        Path services = Path.of("src/lambda/META-INF/services/org.slf4j.spi.SLF4JServiceProvider");
        assertEquals(JsonLogProvider.class.getName(), Files.readString(services).strip());
        // not in this module's classes: local and reliability put them beside their own binding
        var registered = getClass().getClassLoader().getResources("META-INF/services/org.slf4j.spi.SLF4JServiceProvider");
        while (registered.hasMoreElements()) {
            String url = registered.nextElement().toString();
            assertFalse(url.contains("target/classes"), "registered in the module's classes: " + url);
        }
    }
}
