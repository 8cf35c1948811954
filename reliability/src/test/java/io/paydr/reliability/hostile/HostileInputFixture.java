package io.paydr.reliability.hostile;

import static io.paydr.reliability.support.LambdaEvents.event;
import static io.paydr.reliability.support.LambdaEvents.failures;
import static io.paydr.reliability.support.LambdaEvents.pointerMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.paydr.contract.ContentEncoding;
import io.paydr.contract.ReasonCode;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.ingest.config.IngestConfig;
import io.paydr.ingest.handler.LogCapture;
import io.paydr.ingest.handler.SqsIngestHandler;
import io.paydr.local.eventsource.LocalLambdaContext;
import io.paydr.reliability.support.PayloadStore;
import io.paydr.reliability.support.Records;
import io.paydr.reliability.support.StoredPayload;
import io.paydr.reliability.support.Warehouse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The set-up every hostile-input test class shares, created once per JVM: one schema in the primary warehouse, an
 * allowed bucket and a foreign one, and the real ingest handler in three configurations: the mixed one (COPY above
 * 4 KiB decoded), an INSERT one (the default 256 KiB threshold) and a COPY-only one (threshold 1 byte).
 */
final class HostileInputFixture {
    static final int MIXED_COPY_THRESHOLD = 4096;
    static final Duration BUDGET = Duration.ofSeconds(15);

    private static HostileInputFixture instance;

    final Devstack devstack = Devstack.shared();
    final S3Client s3 = devstack.s3(DevRegion.PRIMARY);
    final PayloadStore store = new PayloadStore(s3);
    final Warehouse warehouse = Warehouse.create(devstack, DevRegion.PRIMARY, "hostile");
    final String allowedBucket = "paydr-" + warehouse.schema().replace('_', '-');
    final String foreignBucket = allowedBucket + "-foreign";
    final SqsIngestHandler mixedHandler = handler(MIXED_COPY_THRESHOLD);
    final SqsIngestHandler insertHandler = handler(IngestConfig.DEFAULT_COPY_THRESHOLD_BYTES);
    final SqsIngestHandler copyHandler = handler(1);
    /** case name -> what happened to it, for the summary that goes into the closing note. */
    private final Map<String, String> outcomes = new TreeMap<>();
    private final AtomicInteger goodPayloads = new AtomicInteger();

    private HostileInputFixture() {
        s3.createBucket(b -> b.bucket(allowedBucket));
        s3.createBucket(b -> b.bucket(foreignBucket));
    }

    static synchronized HostileInputFixture get() {
        if (instance == null) {
            instance = new HostileInputFixture();
        }
        return instance;
    }

    private SqsIngestHandler handler(long copyThresholdBytes) {
        return handlerWith(Map.of("COPY_THRESHOLD_BYTES", Long.toString(copyThresholdBytes)));
    }

    /** The handler of this fixture's warehouse and buckets, with these variables set (COPY above 4 KiB otherwise). */
    SqsIngestHandler handlerWith(Map<String, String> overrides) {
        Map<String, String> env = warehouse.tableEnvironment(devstack.environment(DevRegion.PRIMARY));
        env.put("ALLOWED_BUCKETS", allowedBucket);
        env.put("STAGING_BUCKET", allowedBucket);
        env.put("COPY_THRESHOLD_BYTES", Long.toString(MIXED_COPY_THRESHOLD));
        env.putAll(overrides);
        return new SqsIngestHandler(IngestConfig.fromEnvironment(env));
    }

    /**
     * Sends the hostile message in one batch between two good ones (one loading by INSERT, one by COPY) and checks
     * that it alone is reported as failed, that its reason is logged, that the good ones committed, and that nothing
     * else reached the warehouse.
     *
     * @param mustNotBeLogged payload contents that must not appear in the log
     * @return the message_rejected log line, for further checks
     */
    JsonNode assertRejectedAlone(String caseName, SQSEvent.SQSMessage hostile, ReasonCode reason,
                                 String... mustNotBeLogged) {
        return assertRejectedAlone(caseName, hostile, reason, mixedHandler, mustNotBeLogged);
    }

    /** As above, through another handler of this fixture ({@link #handlerWith}). */
    JsonNode assertRejectedAlone(String caseName, SQSEvent.SQSMessage hostile, ReasonCode reason,
                                 SqsIngestHandler handler, String... mustNotBeLogged) {
        String prefix = "ok" + goodPayloads.incrementAndGet();
        StoredPayload insertPayload = store.put(allowedBucket, Records.valid(prefix + "-i", 5), ContentEncoding.IDENTITY);
        StoredPayload copyPayload = store.put(allowedBucket, Records.valid(prefix + "-c", 200), ContentEncoding.GZIP);
        long rowsBefore = warehouse.paymentRows();
        long ledgerBefore = warehouse.ledgerRows();

        SQSBatchResponse response;
        List<JsonNode> rejections;
        String log;
        try (LogCapture capture = LogCapture.start()) {
            // a 15 s budget, as the gzip bomb met: the hostile payload must not spend the good ones' time
            response = handler.handleRequest(event(pointerMessage(prefix + "-m1", insertPayload), hostile,
                    pointerMessage(prefix + "-m2", copyPayload)), new LocalLambdaContext("paydr-ingest", "us-east-1",
                    BUDGET, null));
            rejections = capture.rejections(hostile.getMessageId());
            log = capture.text();
        }

        assertEquals(List.of(hostile.getMessageId()), failures(response), caseName + ": only the hostile message fails; log:\n"
                + log);
        assertEquals(1, rejections.size(), caseName + ": one message_rejected line for it in\n" + log);
        assertEquals(reason.name(), rejections.get(0).path("reason").asText(), caseName + ": reason code logged");
        assertEquals(5, warehouse.rowsWithPrefix(prefix + "-i-"), caseName + ": the INSERT payload committed");
        assertEquals(200, warehouse.rowsWithPrefix(prefix + "-c-"), caseName + ": the COPY payload committed");
        assertEquals(rowsBefore + 205, warehouse.paymentRows(), caseName + ": no row of the hostile message loaded");
        assertEquals(ledgerBefore + 2, warehouse.ledgerRows(), caseName + ": ledger rows for the good payloads only");
        for (String secret : mustNotBeLogged) {
            assertFalse(log.contains(secret), caseName + ": payload contents must stay out of the log");
        }
        record(caseName, "rejected alone, " + reason.name() + " logged: " + rejections.get(0).path("detail").asText());
        return rejections.get(0);
    }

    synchronized void record(String caseName, String outcome) {
        outcomes.put(caseName, outcome);
    }

    synchronized List<String> outcomes() {
        List<String> lines = new ArrayList<>();
        outcomes.forEach((name, outcome) -> lines.add(name + " -> " + outcome));
        return lines;
    }
}
