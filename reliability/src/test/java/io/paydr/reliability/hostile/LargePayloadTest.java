package io.paydr.reliability.hostile;

import static io.paydr.reliability.support.LambdaEvents.event;
import static io.paydr.reliability.support.LambdaEvents.failures;
import static io.paydr.reliability.support.LambdaEvents.pointerMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paydr.ingest.handler.LogCapture;
import io.paydr.local.eventsource.LocalLambdaContext;
import io.paydr.reliability.support.StreamingPayloadUpload;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A payload far larger than the function could hold as a String (issue #7): generated lazily and uploaded by
 * multipart, verified by the handler in one streaming pass and loaded by COPY, exactly once. The decoded size is
 * {@value #DEFAULT_DECODED_MIB} MiB unless {@code -Dpaydr.reliability.largePayloadMiB=N} says otherwise; the test
 * JVM runs with a heap smaller than that (see the module's surefire argLine), so holding it would fail.
 */
class LargePayloadTest {
    static final int DEFAULT_DECODED_MIB = 160;
    /**
     * More than the template's 60 s: devstack's COPY (JSON parsed in Java, rows streamed into PostgreSQL on a shared
     * 2-core machine) runs at about 4 MiB/s, far slower than Redshift's.
     */
    private static final Duration HANDLER_TIMEOUT = Duration.ofMinutes(3);
    private static final HostileInputFixture FIXTURE = HostileInputFixture.get();

    @AfterAll
    static void summary() {
        FIXTURE.outcomes().forEach(line -> System.out.println("[hostile] " + line));
    }

    @Test
    void payloadLargerThanTheFunctionMemoryIsStreamedAndLoadedOnce() {
        long decodedTarget = Long.getLong("paydr.reliability.largePayloadMiB", DEFAULT_DECODED_MIB) * 1024 * 1024;
        long started = System.nanoTime();
        StreamingPayloadUpload.Result upload = StreamingPayloadUpload.upload(FIXTURE.s3, FIXTURE.allowedBucket,
                "large", decodedTarget);
        long uploaded = System.nanoTime();

        List<String> failed;
        String log;
        try (LogCapture capture = LogCapture.start()) {
            // the limits raised to this payload (the defaults refuse more than 64 MiB): it loads by COPY, streamed
            long limit = Math.max(decodedTarget * 2, 256L << 20);
            failed = failures(FIXTURE.handlerWith(Map.of("COPY_THRESHOLD_BYTES", "1", "MAX_DECODED_PAYLOAD_BYTES",
                    Long.toString(limit), "MAX_PAYLOAD_BYTES", Long.toString(limit))).handleRequest(
                    event(pointerMessage("h-large", upload.payload())),
                    new LocalLambdaContext("paydr-ingest", "us-east-1", HANDLER_TIMEOUT, null)));
            log = capture.text();
        }
        long loaded = System.nanoTime();

        long records = upload.payload().records();
        assertEquals(List.of(), failed, "the large payload loads; log:\n" + log);
        assertEquals(records, FIXTURE.warehouse.rowsWithPrefix("large-"), "every record loaded");
        assertEquals(1, FIXTURE.warehouse.count("payments_ingest_ledger WHERE payload_key = '" + upload.payload().key()
                + "' AND row_count = " + records));
        String figures = String.format("%d records, %.0f MiB decoded, %.1f MiB gzip stored; upload %.1f s, "
                        + "verify + COPY %.1f s; JVM heap max %d MiB", records, upload.decodedBytes() / 1048576.0,
                upload.payload().size() / 1048576.0, (uploaded - started) / 1e9, (loaded - uploaded) / 1e9,
                Runtime.getRuntime().maxMemory() / 1048576);
        System.out.println("[large-payload] " + figures);
        assertTrue(upload.decodedBytes() > Runtime.getRuntime().maxMemory(),
                "the payload (" + upload.decodedBytes() + " bytes) must exceed this JVM's heap ("
                        + Runtime.getRuntime().maxMemory() + " bytes)");
        FIXTURE.record("payload larger than the function memory", "loaded once by streaming + COPY: " + figures);
    }
}
