package io.paydr.ops.devstack;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.InboundMessage;
import io.paydr.contract.PayloadAttributes;
import io.paydr.contract.PayloadPointer;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.ops.ReplayResult;
import io.paydr.ops.Replayer;
import io.paydr.ops.TimeRange;
import io.paydr.ops.cli.ExitCode;
import io.paydr.ops.devstack.StoredPayloads.Stored;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** replay against devstack S3 and SQS, through the CLI as an operator runs it and through the library. */
class ReplayDevstackTest {

    private static final DevRegion REGION = DevRegion.SECONDARY;
    private static final TimeRange RANGE = TimeRange.parse("2026-11-25T16:00:00Z", "2026-11-25T18:00:00Z");

    private static Devstack ds;
    private static S3Client s3;
    private static SqsClient sqs;
    private static String bucket;
    private static List<Stored> inRange;

    @BeforeAll
    static void storePayloads() {
        ds = Devstack.shared();
        s3 = ds.s3(REGION);
        sqs = ds.sqs(REGION);
        bucket = StoredPayloads.createBucket(s3, REGION);
        inRange = List.of(
                StoredPayloads.put(s3, bucket, Instant.parse("2026-11-25T16:00:00Z"), 3, ContentEncoding.GZIP, true),
                StoredPayloads.put(s3, bucket, Instant.parse("2026-11-25T16:59:59.999Z"), 5, ContentEncoding.IDENTITY,
                        true),
                StoredPayloads.put(s3, bucket, Instant.parse("2026-11-25T17:30:00Z"), 4, ContentEncoding.GZIP, true),
                // a foreign writer without checksum or metadata: replay must compute both
                StoredPayloads.put(s3, bucket, Instant.parse("2026-11-25T17:45:00Z"), 7, ContentEncoding.GZIP, false));
        StoredPayloads.put(s3, bucket, Instant.parse("2026-11-25T15:59:59.999Z"), 2, ContentEncoding.GZIP, true);
        StoredPayloads.put(s3, bucket, Instant.parse("2026-11-25T18:00:00Z"), 2, ContentEncoding.GZIP, true);
        s3.putObject(b -> b.bucket(bucket).key("payments/v1/dt=2026-11-25/hh=16/_manifest.json"),
                RequestBody.fromString("{}"));
    }

    @AfterAll
    static void closeClients() {
        s3.close();
        sqs.close();
    }

    @Test
    void replaySendsExactlyTheObjectsInRangeWithTheContractsAttributes() {
        String queueUrl = QueueReader.createQueue(sqs, "replay");
        CliRun cli = CliRun.run(ds.environment(REGION), "replay", "--bucket", bucket, "--from", "2026-11-25T16:00:00Z",
                "--to", "2026-11-25T18:00:00Z", "--queue-url", queueUrl);
        assertEquals(ExitCode.OK, cli.exitCode(), cli.all());
        assertTrue(cli.out().contains("sent 4 pointer messages, 0 failed, 1 other keys skipped"), cli.out());
        // progress on stderr, plain in-process (not a terminal): lines, no carriage return, the end once
        assertFalse(cli.err().contains("\r"), cli.err());
        assertEquals(1, cli.err().lines().filter(l -> l.equals("replay: 4/4 objects (100%)")).count(), cli.err());
        assertFalse(cli.out().contains("replay: "), "progress stays off stdout: " + cli.out());

        Map<String, Message> byKey = byKey(QueueReader.drain(sqs, queueUrl));
        assertEquals(keys(inRange), byKey.keySet());
        for (Stored s : inRange) {
            Message m = byKey.get(s.key());
            assertEquals(new PayloadAttributes("payments", "1", s.records(), s.sha256Hex(), s.batchId(), s.encoding(),
                    OptionalLong.of(s.size())), InboundMessage.parse(m.body(), flat(m)).attributes(), s.key());
            assertEquals("Number", m.messageAttributes().get("ExtendedPayloadSize").dataType());
            assertEquals(7, m.messageAttributes().size(), "7 attributes: under SNS raw delivery's limit of 10");
        }
    }

    @Test
    void dryRunListsTheObjectsAndSendsNothing() {
        String queueUrl = QueueReader.createQueue(sqs, "replay-dry");
        CliRun cli = CliRun.run(ds.environment(REGION), "replay", "--bucket", bucket, "--from", "2026-11-25T16",
                "--to", "2026-11-25T18", "--queue-url", queueUrl, "--dry-run");
        assertEquals(ExitCode.OK, cli.exitCode(), cli.all());
        inRange.forEach(s -> assertTrue(cli.out().contains(s.key()), cli.out()));
        assertTrue(cli.out().contains("would send 4 pointer messages"), cli.out());
        assertEquals(0, QueueReader.depth(sqs, queueUrl));
        assertEquals(List.of(), QueueReader.drain(sqs, queueUrl));
    }

    @Test
    void repeatingSendsTheSameMessagesAgainSoTheIdempotentLoaderSkipsThem() {
        String queueUrl = QueueReader.createQueue(sqs, "replay-twice");
        Replayer replayer = Replayer.builder().s3(s3).sqs(sqs).bucket(bucket).range(RANGE).queueUrl(queueUrl).build();
        ReplayResult first = replayer.replay();
        Set<String> firstMessages = fingerprints(QueueReader.drain(sqs, queueUrl));
        ReplayResult second = replayer.replay();
        Set<String> secondMessages = fingerprints(QueueReader.drain(sqs, queueUrl));

        assertTrue(first.complete() && second.complete());
        assertEquals(4, firstMessages.size());
        assertEquals(firstMessages, secondMessages, "same pointer, batch_id and sha256: the ledger dedupes them");
        assertEquals(Map.of("s3-checksum", 3L, "computed", 1L), first.replayed().stream()
                .collect(Collectors.groupingBy(ReplayResult.ReplayedObject::sha256Source, Collectors.counting())));
    }

    @Test
    void aRangeWithoutObjectsSendsNothingAndSucceeds() {
        String queueUrl = QueueReader.createQueue(sqs, "replay-empty");
        ReplayResult r = Replayer.builder().s3(s3).sqs(sqs).bucket(bucket).queueUrl(queueUrl)
                .range(TimeRange.parse("2026-11-24T00", "2026-11-24T03")).build().replay();
        assertEquals(List.of(), r.replayed());
        assertTrue(r.complete());
        assertEquals(0, QueueReader.depth(sqs, queueUrl));
    }

    private static Map<String, Message> byKey(List<Message> messages) {
        Map<String, Message> m = new HashMap<>();
        for (Message msg : messages) {
            PayloadPointer p = InboundMessage.parse(msg.body(), flat(msg)).pointer().orElseThrow();
            assertEquals(bucket, p.bucket());
            assertEquals(null, m.put(p.key(), msg), "one message per object");
        }
        return m;
    }

    private static Set<String> keys(List<Stored> stored) {
        return stored.stream().map(Stored::key).collect(Collectors.toSet());
    }

    private static Set<String> fingerprints(List<Message> messages) {
        return messages.stream().map(m -> m.body() + " " + new java.util.TreeMap<>(flat(m))).collect(Collectors.toSet());
    }

    private static Map<String, String> flat(Message m) {
        Map<String, String> a = new HashMap<>();
        m.messageAttributes().forEach((k, v) -> a.put(k, v.stringValue()));
        return a;
    }
}
