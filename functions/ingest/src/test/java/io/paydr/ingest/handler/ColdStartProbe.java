package io.paydr.ingest.handler;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import io.paydr.ingest.template.TestLambdaContext;

/**
 * Runs in a fresh JVM on the deployment jar (started by {@link IngestBenchmark}): builds the handler the way Lambda
 * does (no-arg constructor, configuration from the process environment), handles one event read from a file, and
 * prints one line {@code PROBE {...}} with the timings, the peak heap and the class of the SLF4J logger it gets.
 */
public final class ColdStartProbe {
    /** The request id of the probe's one invocation (every log line of it must carry it). */
    static final String REQUEST_ID = "probe-request-0001";

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        SqsIngestHandler handler = new SqsIngestHandler();
        long built = System.nanoTime();
        SQSEvent event = JsonMapper.builder().enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
                .readValue(Files.readString(Path.of(args[0])), SQSEvent.class);
        SQSBatchResponse response = handler.handleRequest(event, TestLambdaContext.withRequestId(REQUEST_ID, 60_000));
        long handled = System.nanoTime();
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        long jvmUptimeAtMain = ManagementFactory.getRuntimeMXBean().getUptime() - (handled - started) / 1_000_000;
        System.out.println("PROBE {\"jvmStartToMainMs\":" + jvmUptimeAtMain
                + ",\"handlerBuiltMs\":" + (built - started) / 1_000_000
                + ",\"firstEventMs\":" + (handled - built) / 1_000_000
                + ",\"failures\":" + response.getBatchItemFailures().size()
                + ",\"peakHeapBytes\":" + peakHeap
                + ",\"maxHeapBytes\":" + Runtime.getRuntime().maxMemory()
                + ",\"slf4jLogger\":\"" + LoggerFactory.getLogger(ColdStartProbe.class).getClass().getName() + "\"}");
        // a library's warning, after the invocation: must come out as a JSON line through the function's binding
        LoggerFactory.getLogger("io.paydr.probe").warn("probe warning {}", 42);
        System.exit(0);
    }
}
