package io.paydr.ingest.handler;

import static io.paydr.ingest.handler.TestStack.payments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paydr.contract.ContentEncoding;
import io.paydr.contract.PayloadAttributes;
import io.paydr.contract.PayloadPointer;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.PointerCodec;
import io.paydr.devstack.DevRegion;
import io.paydr.ingest.handler.TestStack.Payload;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The scheduled drain against devstack: a real queue backlog, one manifest COPY, deletes only after the commit. */
class DrainModeIntegrationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestStack stack;
    private static SqsClient sqs;
    private String queueUrl;
    private ScheduledDrainHandler handler;

    @BeforeAll
    static void start() {
        stack = new TestStack();
        sqs = stack.devstack.sqs(DevRegion.PRIMARY);
    }

    @AfterAll
    static void stop() {
        sqs.close();
        stack.s3.close();
    }

    @BeforeEach
    void freshQueue() {
        queueUrl = sqs.createQueue(r -> r.queueName("paydr-drain-" + UUID.randomUUID())).queueUrl();
        handler = new ScheduledDrainHandler(stack.config(DevRegion.PRIMARY, Map.of("QUEUE_URL", queueUrl,
                "DRAIN_MAX_MESSAGES", "100")));
    }

    /** Sends what SNS raw delivery puts in the queue: the pointer body and the String/Number attributes. */
    private void send(Payload payload) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        PayloadAttributes.payments(payload.records(), payload.sha256(), payload.batchId(), payload.encoding(),
                payload.size()).toStringAttributes().forEach((k, v) -> attributes.put(k,
                MessageAttributeValue.builder().dataType("String").stringValue(v).build()));
        String body;
        if (payload.bucket() == null) {
            body = new String(payload.bytes(), java.nio.charset.StandardCharsets.UTF_8);
        } else {
            attributes.put("ExtendedPayloadSize", MessageAttributeValue.builder().dataType("Number")
                    .stringValue(Long.toString(payload.size())).build());
            body = PointerCodec.write(new PayloadPointer(payload.bucket(), payload.key()));
        }
        String messageBody = body;
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(messageBody).messageAttributes(attributes));
    }

    private long visibleAndInFlight() {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private static long rows(String prefix) {
        return stack.count(DevRegion.PRIMARY, "payments WHERE transaction_id LIKE '" + prefix + "-%'");
    }

    @Test
    void loadsABacklogWithOneManifestCopyAndDeletesOnlyAfterTheCommit() throws Exception {
        List<Payload> payloads = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            payloads.add(stack.publish(stack.sourceBucket, payments("drain" + i, 50 + i), ContentEncoding.GZIP));
        }
        payloads.forEach(this::send);
        send(payloads.get(3));
        send(TestStack.inline(payments("drain-inline", 2)));
        List<S3Object> manifestsBefore = stack.s3.listObjectsV2(r -> r.bucket(stack.stagingBucket).prefix("manifests/"))
                .contents();

        DrainReport report = handler.handleRequest(new ScheduledEvent(), null);

        assertEquals(14, report.received());
        assertEquals(14, report.deleted());
        assertEquals(13, report.payloadsLoaded());
        assertEquals(1, report.transactions(), "one transaction for the whole backlog");
        assertTrue(report.queueEmpty());
        assertEquals(0, visibleAndInFlight());
        for (int i = 0; i < 12; i++) {
            assertEquals(50 + i, rows("drain" + i));
        }
        assertEquals(2, rows("drain-inline"));

        List<S3Object> manifests = stack.s3.listObjectsV2(r -> r.bucket(stack.stagingBucket).prefix("manifests/"))
                .contents();
        assertEquals(manifestsBefore.size() + 1, manifests.size(), "one COPY manifest");
        JsonNode manifest = JSON.readTree(stack.s3.getObjectAsBytes(r -> r.bucket(stack.stagingBucket)
                .key(manifests.get(0).key())).asByteArray());
        assertEquals(12, manifest.get("entries").size(), "one staged object per S3 payload; the inline one by INSERT");
        for (JsonNode entry : manifest.get("entries")) {
            assertTrue(entry.get("mandatory").asBoolean());
            assertTrue(entry.get("url").asText().startsWith("s3://" + stack.stagingBucket + "/staging/"), entry.toString());
        }
        for (Payload p : payloads) {
            stack.s3.headObject(r -> r.bucket(p.bucket()).key(p.key())); // payloads are never deleted
        }

        send(payloads.get(5));
        DrainReport again = handler.handleRequest(new ScheduledEvent(), null);
        assertEquals(1, again.received());
        assertEquals(1, again.deleted());
        assertEquals(1, again.payloadsAlreadyLoaded());
        assertEquals(0, again.payloadsLoaded());
        assertEquals(0, again.rowsInserted());
        assertEquals(1, again.transactions(), "the ledger check runs inside the load: a no-op merge");
        assertEquals(55, rows("drain5"));
    }

    @Test
    void aFailingPayloadInTheManifestIsIsolatedAndStaysQueued() {
        stack.execute(DevRegion.PRIMARY, "ALTER TABLE " + stack.schema + ".payments ADD CONSTRAINT drain_blocked"
                + " CHECK (merchant_id <> 'blocked-merchant')");
        try {
            List<PaymentTransaction> blocked = new ArrayList<>(payments("drainbad", 10));
            blocked.set(3, new PaymentTransaction("drainbad-3", "blocked-merchant", 1, "EUR", blocked.get(3).status(),
                    blocked.get(3).occurredAt(), "us-east-1"));
            for (int i = 0; i < 4; i++) {
                send(stack.publish(stack.sourceBucket, payments("drainok" + i, 20), ContentEncoding.IDENTITY));
            }
            send(stack.publish(stack.sourceBucket, blocked, ContentEncoding.IDENTITY));

            DrainReport report = handler.handleRequest(new ScheduledEvent(), null);

            assertEquals(5, report.received());
            assertEquals(4, report.deleted());
            assertEquals(4, report.payloadsLoaded());
            assertEquals(0, report.payloadsAlreadyLoaded(), "a half committed earlier in the run is not 'loaded before'");
            assertEquals(1, report.rejected(), "the warehouse refuses it: WAREHOUSE_REJECTED, after bisection");
            // one transaction for the five fails; bisection then finds the culprit:
            // [0,1] commits, [2-4] fails, [2] commits, [3,4] fails, [3] commits, [4] fails
            assertEquals(7, report.transactions());
            for (int i = 0; i < 4; i++) {
                assertEquals(20, rows("drainok" + i));
            }
            assertEquals(0, rows("drainbad"));
            assertEquals(1, visibleAndInFlight(), "the failing message stays in the queue until it reaches the DLQ");
        } finally {
            stack.execute(DevRegion.PRIMARY, "ALTER TABLE " + stack.schema + ".payments DROP CONSTRAINT drain_blocked");
        }
    }
}
