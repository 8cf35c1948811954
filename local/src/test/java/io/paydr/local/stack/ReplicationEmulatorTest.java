package io.paydr.local.stack;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CRR stand-in against devstack's S3. */
class ReplicationEmulatorTest {

    private final S3Client s3 = Devstack.shared().s3(DevRegion.PRIMARY);
    private final String source = "src-" + UUID.randomUUID().toString().substring(0, 8);
    private final String replica = "dst-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void copiesNewObjectsUnderThePrefixWithTheirMetadataAfterTheDelay() throws Exception {
        s3.createBucket(b -> b.bucket(source));
        s3.createBucket(b -> b.bucket(replica));
        try (ReplicationEmulator crr = new ReplicationEmulator(s3, source, replica, "payments/", Duration.ofMillis(800))
                .start()) {
            byte[] data = "{\"a\":1}\n".getBytes();
            s3.putObject(p -> p.bucket(source).key("payments/v1/x.jsonl").contentEncoding("identity")
                    .metadata(Map.of("record-count", "1")), RequestBody.fromBytes(data));
            s3.putObject(p -> p.bucket(source).key("manifests/m.json"), RequestBody.fromString("{}"));

            Thread.sleep(300);
            assertFalse(exists(replica, "payments/v1/x.jsonl"), "not before the replication delay");
            awaitExists(replica, "payments/v1/x.jsonl", Duration.ofSeconds(5));

            var copy = s3.getObjectAsBytes(g -> g.bucket(replica).key("payments/v1/x.jsonl"));
            GetObjectResponse head = copy.response();
            assertArrayEquals(data, copy.asByteArray());
            assertEquals("1", head.metadata().get("record-count"));
            assertEquals("identity", head.contentEncoding());
            // the copy is visible a moment before the emulator counts it (it counts after CopyObject returns)
            long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (crr.replicatedCount() < 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, crr.replicatedCount());

            crr.delay(Duration.ofSeconds(2));
            s3.putObject(p -> p.bucket(source).key("payments/v1/y.jsonl"), RequestBody.fromString("{}\n"));
            Thread.sleep(1000);
            assertFalse(exists(replica, "payments/v1/y.jsonl"), "a longer delay holds new objects back");
            assertEquals(java.util.List.of("payments/v1/y.jsonl"), crr.pendingKeys());
            awaitExists(replica, "payments/v1/y.jsonl", Duration.ofSeconds(5));
            assertFalse(exists(replica, "manifests/m.json"), "only the replicated prefix is copied");

            s3.putObject(p -> p.bucket(source).key("payments/v1/batch-ids/y.json"), RequestBody.fromString("{}\n"));
            awaitExists(replica, "payments/v1/batch-ids/y.json", Duration.ofSeconds(5));
            for (int i = 0; i < 50 && crr.replicatedCount() < 3; i++) {
                Thread.sleep(100); // the count follows the copy
            }
            assertEquals(3, crr.replicatedCount(), "a batch-id claim is replicated like its payload");
            assertEquals(2, crr.replicatedPayloadCount(), "but it is no payload");
        }
    }

    private boolean exists(String bucket, String key) {
        try {
            s3.headObject(h -> h.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private void awaitExists(String bucket, String key, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!exists(bucket, key)) {
            assertTrue(System.nanoTime() < end, key + " not replicated within " + timeout);
            Thread.sleep(50);
        }
    }
}
