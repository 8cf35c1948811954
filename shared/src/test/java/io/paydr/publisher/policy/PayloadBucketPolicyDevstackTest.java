package io.paydr.publisher.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paydr.contract.Fixtures;
import io.paydr.devstack.DevRegion;
import io.paydr.publisher.DevstackFanout;
import io.paydr.publisher.PaymentPublisher;
import io.paydr.publisher.PublishReceipt;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The payload bucket's policy in template.yaml lets the publisher write (PutObject and multipart, both conditional)
 * and denies anyone replacing a payload, so the bytes the ingest verified are the bytes Redshift COPYs. The requests
 * are the real ones the publisher sends to devstack's S3, recorded on the wire.
 */
class PayloadBucketPolicyDevstackTest {
    private static final long FIVE_MIB = 5L * 1024 * 1024;
    private static final String OVERWRITE_SID = "DenyPayloadOverwrites";

    private final PayloadBucketPolicy policy = PayloadBucketPolicy.fromTemplate();
    private final S3RequestRecorder recorder = new S3RequestRecorder();
    private DevstackFanout fanout;

    @AfterEach
    void tearDown() {
        fanout.close();
    }

    @Test
    void thePublisherWritesPayloadsThePolicyAllowsAndNobodyCanReplaceThem() {
        fanout = new DevstackFanout("policy");
        try (S3Client s3 = recordingClient();
             PaymentPublisher publisher = PaymentPublisher.builder().s3Client(s3).snsClient(fanout.sns)
                     .bucket(fanout.bucket).topicArn(fanout.topicArn).gzip(false)
                     .multipartThreshold(FIVE_MIB).partSize(FIVE_MIB).build()) {
            PublishReceipt small = publisher.publish(Fixtures.batch(100));
            PublishReceipt large = publisher.publish(Fixtures.batch(40_000));
            assertTrue(large.bytes() > FIVE_MIB, "large enough for a multipart upload");

            List<PayloadBucketPolicy.Request> writes = recorder.drain();
            assertEquals(List.of("CompleteMultipartUpload", "CreateMultipartUpload", "PutObject", "UploadPart"),
                    List.copyOf(new TreeSet<>(writes.stream().map(PayloadBucketPolicy.Request::operation).toList())),
                    "the publisher's S3 requests");
            writes.forEach(w -> assertEquals(Optional.empty(), policy.denyingStatement(w), w + " is denied"));

            s3.putObject(b -> b.bucket(fanout.bucket).key(small.key()), RequestBody.fromString("{}\n"));
            s3.copyObject(b -> b.sourceBucket(fanout.bucket).sourceKey(large.key())
                    .destinationBucket(fanout.bucket).destinationKey(small.key()));
            List<PayloadBucketPolicy.Request> overwrites = recorder.drain();
            assertEquals(2, overwrites.size(), overwrites.toString());
            overwrites.forEach(o -> assertEquals(Optional.of(OVERWRITE_SID), policy.denyingStatement(o),
                    o + " replaces a payload"));

            s3.putObject(b -> b.bucket(fanout.bucket).key("manifests/drain-1.manifest"), RequestBody.fromString("{}"));
            assertEquals(Optional.empty(), policy.denyingStatement(recorder.drain().get(0)),
                    "the drain writes its manifests without If-None-Match");
        }
    }

    private S3Client recordingClient() {
        return fanout.devstack.s3Builder(DevRegion.PRIMARY)
                .overrideConfiguration(o -> o.addExecutionInterceptor(recorder))
                .build();
    }
}
