package io.paydr.ops.devstack;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.ops.RedriveResult;
import io.paydr.ops.Redriver;
import io.paydr.ops.cli.ExitCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** redrive against devstack SQS (ElasticMQ): real queues, real receives, sends and deletes. */
class RedriveDevstackTest {

    private static final DevRegion REGION = DevRegion.PRIMARY;
    private static final String INLINE_SECRET = "{\"transaction_id\":\"tx-secret-1\",\"amount_minor\":12345}";

    private static Devstack ds;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        ds = Devstack.shared();
        sqs = ds.sqs(REGION);
    }

    @AfterAll
    static void closeClient() {
        sqs.close();
    }

    @Test
    void redriveMovesEveryMessageWithBodyAndTypedAttributesAndEmptiesTheDlq() {
        String dlq = QueueReader.createQueue(sqs, "dlq");
        String queue = QueueReader.createQueue(sqs, "ingest");
        Map<String, Map<String, MessageAttributeValue>> sent = fill(dlq, 13);

        CliRun cli = CliRun.run(ds.environment(REGION), "redrive", "--dlq-url", dlq, "--queue-url", queue);
        assertEquals(ExitCode.OK, cli.exitCode(), cli.all());
        assertTrue(cli.out().contains("moved 13 messages, 0 failed"), cli.out());
        assertFalse(cli.err().contains("\r"), cli.err());
        assertEquals(1, cli.err().lines().filter(l -> l.equals("redrive moved: 13 messages")).count(), cli.err());

        assertEquals(List.of(), QueueReader.drain(sqs, dlq));
        Map<String, Map<String, MessageAttributeValue>> moved = QueueReader.drain(sqs, queue).stream()
                .collect(Collectors.toMap(Message::body, Message::messageAttributes));
        assertEquals(sent, moved);
    }

    @Test
    void dryRunListsWithoutBodiesAndMovesNothing() {
        String dlq = QueueReader.createQueue(sqs, "dlq-dry");
        String queue = QueueReader.createQueue(sqs, "ingest-dry");
        fill(dlq, 12);

        CliRun cli = CliRun.run(ds.environment(REGION), "redrive", "--dlq-url", dlq, "--queue-url", queue, "--dry-run");
        assertEquals(ExitCode.OK, cli.exitCode(), cli.all());
        assertTrue(cli.out().contains("would move 12 messages"), cli.out());
        assertTrue(cli.out().contains("batch_id=batch-3"), "attributes are listed: " + cli.out());
        assertTrue(cli.out().contains("pointer s3://bucket/payments/v1/dt=2026-11-25/hh=16/batch-3.jsonl"), cli.out());
        assertFalse(cli.out().contains("tx-secret-1"), "an inline body's payload never shows: " + cli.out());

        assertEquals(0, QueueReader.depth(sqs, queue));
        assertEquals(12, QueueReader.drain(sqs, dlq).size(), "every message is visible in the DLQ again at once");
    }

    @Test
    void maxBoundsHowManyMove() {
        String dlq = QueueReader.createQueue(sqs, "dlq-max");
        String queue = QueueReader.createQueue(sqs, "ingest-max");
        fill(dlq, 5);

        RedriveResult r = Redriver.builder().sqs(sqs).dlqUrl(dlq).queueUrl(queue).maxMessages(3)
                .waitTime(Duration.ofSeconds(1)).build().redrive();
        assertEquals(3, r.messages().size());
        assertEquals(3, QueueReader.drain(sqs, queue).size());
        assertEquals(2, QueueReader.drain(sqs, dlq).size());
    }

    @Test
    void aFailedSendDeletesNothingFromTheDlq() {
        String dlq = QueueReader.createQueue(sqs, "dlq-fail");
        String missingQueue = ds.sqsEndpoint(REGION) + "/000000000000/no-such-queue";
        fill(dlq, 3);

        CliRun cli = CliRun.run(ds.environment(REGION), "redrive", "--dlq-url", dlq, "--queue-url", missingQueue,
                "--visibility-timeout", "1");
        assertEquals(ExitCode.DIVERGED, cli.exitCode(), cli.all());
        assertTrue(cli.out().contains("moved 0 messages, 3 failed"), cli.out());
        assertEquals(3, QueueReader.drain(sqs, dlq).size(), "all three are still in the DLQ");
    }

    /** Pointer messages with String, Number and Binary attributes, plus one inline payload body. */
    private static Map<String, Map<String, MessageAttributeValue>> fill(String dlq, int n) {
        Map<String, Map<String, MessageAttributeValue>> sent = new HashMap<>();
        for (int i = 0; i < n; i++) {
            String body = i == 0 ? INLINE_SECRET : "[\"software.amazon.payloadoffloading.PayloadS3Pointer\","
                    + "{\"s3BucketName\":\"bucket\",\"s3Key\":\"payments/v1/dt=2026-11-25/hh=16/batch-" + i
                    + ".jsonl\"}]";
            Map<String, MessageAttributeValue> attributes = Map.of(
                    "batch_id", string("batch-" + i),
                    "record_count", string(Integer.toString(10 + i)),
                    "ExtendedPayloadSize", MessageAttributeValue.builder().dataType("Number")
                            .stringValue(Integer.toString(1000 + i)).build(),
                    "trace", MessageAttributeValue.builder().dataType("Binary")
                            .binaryValue(SdkBytes.fromUtf8String("t" + i)).build());
            sqs.sendMessage(b -> b.queueUrl(dlq).messageBody(body).messageAttributes(attributes));
            sent.put(body, attributes);
        }
        return sent;
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
