package io.paydr.publisher.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.paydr.contract.Fixtures;
import io.paydr.contract.PayloadKeys;
import io.paydr.devstack.DevRegion;
import io.paydr.publisher.DevstackFanout;
import io.paydr.publisher.PaymentPublisher;
import io.paydr.publisher.PublishReceipt;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The payload bucket's policy in template.yaml lets the publisher write (PutObject and multipart, both conditional)
 * and denies anyone replacing a payload, so the bytes the ingest verified are the bytes Redshift COPYs; and it denies
 * deleting a payload or a version of one to everyone but the operator role the stack names (if any). The requests
 * are the real ones the clients send to devstack's S3, recorded on the wire.
 */
class PayloadBucketPolicyDevstackTest {
    private static final long FIVE_MIB = 5L * 1024 * 1024;
    private static final String OVERWRITE_SID = "DenyPayloadOverwrites";
    private static final String DELETE_SID = "DenyPayloadDeletes";
    private static final String APP_ROLE = "arn:aws:iam::123456789012:role/paydr-payment-app";
    private static final String OPERATOR_ROLE = "arn:aws:iam::123456789012:role/paydr-payload-operator";
    private static final String REPLICATION_ROLE = "arn:aws:iam::123456789012:role/paydr-ingest-ReplicationRole-1A2B";
    /** An object version id as S3 makes them; devstack's S3 keeps no versions, the request is what counts here. */
    private static final String VERSION = "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY";

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
            writes.forEach(w -> assertEquals(Optional.empty(), policy.denyingStatement(w, APP_ROLE), w + " is denied"));

            s3.putObject(b -> b.bucket(fanout.bucket).key(small.key()), RequestBody.fromString("{}\n"));
            s3.copyObject(b -> b.sourceBucket(fanout.bucket).sourceKey(large.key())
                    .destinationBucket(fanout.bucket).destinationKey(small.key()));
            s3.putObject(b -> b.bucket(fanout.bucket).key(PayloadKeys.claimKey(null, small.batchId())),
                    RequestBody.fromString("{}\n"));
            List<PayloadBucketPolicy.Request> overwrites = recorder.drain();
            assertEquals(3, overwrites.size(), overwrites.toString());
            overwrites.forEach(o -> assertEquals(Optional.of(OVERWRITE_SID), policy.denyingStatement(o, APP_ROLE),
                    o + " replaces a payload or a batch id's claim"));

            s3.putObject(b -> b.bucket(fanout.bucket).key("manifests/drain-1.manifest"), RequestBody.fromString("{}"));
            assertEquals(Optional.empty(), policy.denyingStatement(recorder.drain().get(0), APP_ROLE),
                    "the drain writes its manifests without If-None-Match");
        }
    }

    @Test
    void nobodyButTheOperatorRoleDeletesAPayloadOrAVersionOfOne() {
        fanout = new DevstackFanout("policy-delete");
        List<PayloadBucketPolicy.Request> deletes;
        List<PayloadBucketPolicy.Request> elsewhere;
        PublishReceipt receipt;
        try (S3Client s3 = recordingClient();
             PaymentPublisher publisher = PaymentPublisher.builder().s3Client(s3).snsClient(fanout.sns)
                     .bucket(fanout.bucket).topicArn(fanout.topicArn).build()) {
            receipt = publisher.publish(Fixtures.batch(10));
            String claim = PayloadKeys.claimKey(null, receipt.batchId());
            recorder.drain();

            s3.deleteObject(b -> b.bucket(fanout.bucket).key(receipt.key()));
            deleteVersion(s3, receipt.key());
            s3.deleteObjects(b -> b.bucket(fanout.bucket).delete(d -> d.objects(
                    ObjectIdentifier.builder().key(claim).build(),
                    ObjectIdentifier.builder().key(claim).versionId(VERSION).build())));
            deletes = recorder.drain();
            assertEquals(List.of(new PayloadBucketPolicy.Request("DeleteObject", receipt.key(), false, false),
                            new PayloadBucketPolicy.Request("DeleteObject", receipt.key(), false, true),
                            new PayloadBucketPolicy.Request("DeleteObject", claim, false, false),
                            new PayloadBucketPolicy.Request("DeleteObject", claim, false, true)),
                    deletes, "a payload and its claim deleted, as objects and as versions");

            s3.putObject(b -> b.bucket(fanout.bucket).key("manifests/drain-1.manifest"), RequestBody.fromString("{}"));
            recorder.drain();
            s3.deleteObject(b -> b.bucket(fanout.bucket).key("manifests/drain-1.manifest"));
            deleteVersion(s3, "manifests/drain-1.manifest");
            elsewhere = recorder.drain();
            assertEquals(2, elsewhere.size(), elsewhere.toString());
        }

        PayloadBucketPolicy withOperator = PayloadBucketPolicy.fromTemplate(
                Map.of("PayloadOperatorRoleArn", OPERATOR_ROLE));
        for (PayloadBucketPolicy.Request d : deletes) {
            assertEquals(Optional.of(DELETE_SID), policy.denyingStatement(d, APP_ROLE), d + " by the app");
            assertEquals(Optional.of(DELETE_SID), policy.denyingStatement(d, OPERATOR_ROLE),
                    d + ": without PayloadOperatorRoleArn nobody deletes, whatever the role is called");
            assertEquals(Optional.of(DELETE_SID), withOperator.denyingStatement(d, APP_ROLE), d + " by the app");
            assertEquals(Optional.of(DELETE_SID), withOperator.denyingStatement(d, REPLICATION_ROLE),
                    d + " by the replication role");
            assertEquals(Optional.empty(), withOperator.denyingStatement(d, OPERATOR_ROLE),
                    d + " by the operator role the stack names");
        }
        for (PayloadBucketPolicy p : List.of(policy, withOperator)) {
            for (PayloadBucketPolicy.Request d : elsewhere) {
                assertEquals(Optional.empty(), p.denyingStatement(d, APP_ROLE), d + ": outside payments/");
            }
            // CRR writes replicas into the peer bucket, whose policy is this one (same template)
            for (String replication : List.of("ReplicateObject", "ReplicateTags")) {
                assertEquals(Optional.empty(), p.denyingStatement(
                        new PayloadBucketPolicy.Request(replication, receipt.key(), false), REPLICATION_ROLE),
                        replication + " into the peer bucket");
            }
        }
    }

    /** devstack's S3 keeps no versions and answers 404 NoSuchVersion; the request was sent (and recorded) all the same. */
    private void deleteVersion(S3Client s3, String key) {
        S3Exception e = assertThrows(S3Exception.class,
                () -> s3.deleteObject(b -> b.bucket(fanout.bucket).key(key).versionId(VERSION)));
        assertEquals(404, e.statusCode(), e.getMessage());
    }

    private S3Client recordingClient() {
        return fanout.devstack.s3Builder(DevRegion.PRIMARY)
                .overrideConfiguration(o -> o.addExecutionInterceptor(recorder))
                .build();
    }
}
