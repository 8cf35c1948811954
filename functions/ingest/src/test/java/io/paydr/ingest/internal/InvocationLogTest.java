package io.paydr.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paydr.ingest.template.TestLambdaContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Request ids on log lines written by the invocation's own thread and by the worker pool, and Lambda's levels. */
class InvocationLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> capture(Runnable logging) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream previous = JsonLog.redirect(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            logging.run();
        } finally {
            JsonLog.redirect(previous);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : buffer.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void workerLinesCarryTheRequestIdOfTheInvocationThatSubmittedThem() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            var workers = InvocationLog.propagating(pool);
            // two invocations at once on two threads (as local runs do), each handing work to the same pool
            List<JsonNode> lines = capture(() -> {
                List<CompletableFuture<Void>> invocations = new ArrayList<>();
                for (String id : List.of("req-a", "req-b")) {
                    invocations.add(CompletableFuture.runAsync(() -> {
                        try (InvocationLog.Scope ignored = InvocationLog.open(TestLambdaContext.withRequestId(id, 1000))) {
                            JsonLog.info("own_thread", Map.of("id", id));
                            CompletableFuture.runAsync(() -> JsonLog.warn("worker", Map.of("id", id)), workers).join();
                        }
                        JsonLog.info("after", Map.of("id", id));
                    }));
                }
                invocations.forEach(CompletableFuture::join);
            });
            assertEquals(6, lines.size());
            for (JsonNode line : lines) {
                if (line.path("event").asText().equals("after")) {
                    assertFalse(line.has(InvocationLog.REQUEST_ID), "the scope closed: " + line);
                } else {
                    assertEquals("req-" + line.path("id").asText().substring(4), line.path(InvocationLog.REQUEST_ID)
                            .asText(), line.toString());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPoolThreadForgetsTheRequestIdOfItsLastTask() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            var workers = InvocationLog.propagating(pool);
            try (InvocationLog.Scope ignored = InvocationLog.open(TestLambdaContext.withRequestId("req-1", 1000))) {
                CompletableFuture.runAsync(() -> { }, workers).join();
            }
            List<JsonNode> lines = capture(() -> CompletableFuture.runAsync(() -> JsonLog.info("later", Map.of()), pool)
                    .join());
            assertFalse(lines.get(0).has(InvocationLog.REQUEST_ID), lines.get(0).toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theMetricsLevelPassesEveryFilterAndIsInfoWhereverInfoPasses() {
        assertEquals(LogLevel.INFO, LogLevel.alwaysPassing(Optional.empty()));
        for (LogLevel filter : LogLevel.values()) {
            LogLevel level = LogLevel.alwaysPassing(Optional.of(filter));
            assertTrue(level.passes(filter), filter.name());
            assertEquals(LogLevel.INFO.passes(filter) ? LogLevel.INFO : filter, level, filter.name());
        }
    }

    @Test
    void lambdasSettingIsReadCaseInsensitivelyAndAnUnknownOneIsNoFilter() {
        assertEquals(Optional.of(LogLevel.WARN), LogLevel.lambdaFilter(Map.of(LogLevel.LAMBDA_LOG_LEVEL, "warn")));
        assertEquals(Optional.empty(), LogLevel.lambdaFilter(Map.of(LogLevel.LAMBDA_LOG_LEVEL, "LOUD")));
        assertEquals(Optional.empty(), LogLevel.lambdaFilter(Map.of()));
    }
}
