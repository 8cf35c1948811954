package io.paydr.devstack.emulators;

import io.paydr.devstack.DevRegion;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * S3 and SQS behaviour the pipeline relies on, as plain SDK calls. Subclasses supply the emulator, so the same
 * bodies run against devstack and against independent emulators (moto, LocalStack).
 */
abstract class S3SqsContract {

    protected abstract Emulator emulator();

    @Test
    void objectRoundTripWithSha256Checksum() throws Exception {
        try (S3Client s3 = emulator().s3(DevRegion.SECONDARY)) {
            String bucket = createBucket(s3, DevRegion.SECONDARY);
            byte[] payload = randomBytes(300_000);
            String sha256 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(payload));

            PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("batches/b1.json").checksumSHA256(sha256),
                    RequestBody.fromBytes(payload));
            assertEquals(sha256, put.checksumSHA256(), "PutObject returns the SHA-256 it verified");

            ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key("batches/b1.json")
                    .checksumMode(ChecksumMode.ENABLED));
            assertArrayEquals(payload, got.asByteArray());
            assertEquals(sha256, got.response().checksumSHA256(), "GetObject returns the stored SHA-256");
            assertEquals(300_000L, got.response().contentLength());

            List<S3Object> listed = s3.listObjectsV2(b -> b.bucket(bucket).prefix("batches/")).contents();
            assertEquals(List.of("batches/b1.json"), listed.stream().map(S3Object::key).toList());
        }
    }

    @Test
    void putWithAWrongSha256IsRejectedAndStoresNothing() {
        try (S3Client s3 = emulator().s3(DevRegion.PRIMARY)) {
            String bucket = createBucket(s3, DevRegion.PRIMARY);
            String sha256OfSomethingElse = "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=";
            S3Exception e = assertThrows(S3Exception.class, () -> s3.putObject(
                    b -> b.bucket(bucket).key("tampered").checksumSHA256(sha256OfSomethingElse),
                    RequestBody.fromString("not hello")));
            assertEquals(400, e.statusCode());
            assertEquals(0, s3.listObjectsV2(b -> b.bucket(bucket)).keyCount());
        }
    }

    @Test
    void sdkCalculatedChecksumUploadRoundTrips() {
        try (S3Client s3 = emulator().s3(DevRegion.PRIMARY)) {
            String bucket = createBucket(s3, DevRegion.PRIMARY);
            byte[] payload = randomBytes(70_000);
            s3.putObject(b -> b.bucket(bucket).key("trailer").checksumAlgorithm(ChecksumAlgorithm.SHA256),
                    RequestBody.fromBytes(payload));
            assertArrayEquals(payload, s3.getObjectAsBytes(b -> b.bucket(bucket).key("trailer")).asByteArray());
        }
    }

    @Test
    void multipartUploadAssemblesPartsInOrder() {
        try (S3Client s3 = emulator().s3(DevRegion.PRIMARY)) {
            String bucket = createBucket(s3, DevRegion.PRIMARY);
            byte[] first = randomBytes(5 * 1024 * 1024);
            byte[] second = randomBytes(1024);
            String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("big.bin")).uploadId();
            List<CompletedPart> parts = new ArrayList<>();
            byte[][] chunks = {first, second};
            for (int i = 0; i < chunks.length; i++) {
                int partNumber = i + 1;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key("big.bin").uploadId(uploadId).partNumber(partNumber),
                        RequestBody.fromBytes(chunks[i])).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key("big.bin").uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));

            byte[] whole = s3.getObjectAsBytes(b -> b.bucket(bucket).key("big.bin")).asByteArray();
            byte[] expected = new byte[first.length + second.length];
            System.arraycopy(first, 0, expected, 0, first.length);
            System.arraycopy(second, 0, expected, first.length, second.length);
            assertArrayEquals(expected, whole);
            String etag = s3.headObject(b -> b.bucket(bucket).key("big.bin")).eTag();
            assertTrue(etag.endsWith("-2\""), "a multipart ETag ends with the part count, was " + etag);
        }
    }

    @Test
    void redriveMovesAMessageToTheDeadLetterQueueAfterMaxReceiveCount() {
        try (SqsClient sqs = emulator().sqs(DevRegion.SECONDARY)) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String dlqUrl = sqs.createQueue(b -> b.queueName("payments-dlq-" + suffix)).queueUrl();
            String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            assertTrue(dlqArn.startsWith("arn:aws:sqs:us-west-2:"), "queue ARN carries the Region: " + dlqArn);
            String queueUrl = sqs.createQueue(b -> b.queueName("payments-" + suffix).attributes(Map.of(
                    QueueAttributeName.REDRIVE_POLICY, "{\"maxReceiveCount\":\"2\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}")))
                    .queueUrl();

            Map<String, MessageAttributeValue> attributes = Map.of(
                    "dataset", MessageAttributeValue.builder().dataType("String").stringValue("payments").build(),
                    "rows", MessageAttributeValue.builder().dataType("Number").stringValue("42").build(),
                    "digest", MessageAttributeValue.builder().dataType("Binary")
                            .binaryValue(SdkBytes.fromUtf8String("abc")).build());
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"batch\":\"b1\"}").messageAttributes(attributes));

            int deliveries = 0;
            for (int attempt = 0; attempt < 5; attempt++) {
                List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queueUrl).visibilityTimeout(0)
                        .waitTimeSeconds(1).messageAttributeNames("All")).messages();
                if (!got.isEmpty()) {
                    deliveries++;
                    assertEquals(attributes, got.get(0).messageAttributes());
                }
            }
            assertEquals(2, deliveries, "delivered maxReceiveCount times before moving to the DLQ");

            List<Message> dead = sqs.receiveMessage(b -> b.queueUrl(dlqUrl).waitTimeSeconds(2)
                    .messageAttributeNames("All")).messages();
            assertEquals(1, dead.size());
            assertEquals("{\"batch\":\"b1\"}", dead.get(0).body());
            assertEquals(attributes, dead.get(0).messageAttributes());
        }
    }

    protected static String createBucket(S3Client s3, DevRegion region) {
        String bucket = "paydr-test-" + UUID.randomUUID().toString().substring(0, 8) + "-" + region.id();
        s3.createBucket(b -> {
            b.bucket(bucket);
            if (region != DevRegion.PRIMARY) {
                b.createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.fromValue(region.id())));
            }
        });
        return bucket;
    }

    protected static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
