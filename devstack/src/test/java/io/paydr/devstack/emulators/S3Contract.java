package io.paydr.devstack.emulators;

import io.paydr.devstack.DevRegion;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
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

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** S3 behaviour the pipeline relies on, as plain SDK calls, run against every emulator that implements this. */
interface S3Contract {

    Emulator emulator();

    @Test
    default void objectRoundTripWithSha256Checksum() throws Exception {
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
    default void putWithAWrongSha256IsRejectedAndStoresNothing() {
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
    default void sdkCalculatedChecksumUploadRoundTrips() {
        try (S3Client s3 = emulator().s3(DevRegion.PRIMARY)) {
            String bucket = createBucket(s3, DevRegion.PRIMARY);
            byte[] payload = randomBytes(70_000);
            s3.putObject(b -> b.bucket(bucket).key("trailer").checksumAlgorithm(ChecksumAlgorithm.SHA256),
                    RequestBody.fromBytes(payload));
            assertArrayEquals(payload, s3.getObjectAsBytes(b -> b.bucket(bucket).key("trailer")).asByteArray());
        }
    }

    @Test
    default void aBucketReportsTheRegionItWasCreatedIn() {
        try (S3Client west = emulator().s3(DevRegion.SECONDARY); S3Client east = emulator().s3(DevRegion.PRIMARY)) {
            String westBucket = createBucket(west, DevRegion.SECONDARY);
            String eastBucket = createBucket(east, DevRegion.PRIMARY);
            assertEquals("us-west-2", west.getBucketLocation(b -> b.bucket(westBucket)).locationConstraintAsString());
            String eastLocation = east.getBucketLocation(b -> b.bucket(eastBucket)).locationConstraintAsString();
            assertTrue(eastLocation == null || eastLocation.isEmpty(), "us-east-1 is the empty constraint, was " + eastLocation);
        }
    }

    @Test
    default void multipartUploadAssemblesPartsInOrder() {
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

    /**
     * S3 keeps a connection open after a PUT. If the server drops it before the client has finished sending (the
     * SDK signs bodies in aws-chunked form over plain HTTP), the SDK retries a write that was stored, and a conditional
     * write then meets its own object: 412. So a run of conditional PUTs to fresh keys must all succeed.
     */
    @Test
    default void conditionalPutsToFreshKeysAllSucceedOnOneConnection() {
        try (S3Client s3 = emulator().s3(DevRegion.PRIMARY)) {
            String bucket = createBucket(s3, DevRegion.PRIMARY);
            byte[] body = randomBytes(400);
            for (int i = 0; i < 300; i++) {
                String key = "claims/" + i + ".json";
                s3.putObject(b -> b.bucket(bucket).key(key).ifNoneMatch("*"), RequestBody.fromBytes(body));
            }
            assertEquals(300, s3.listObjectsV2(b -> b.bucket(bucket).prefix("claims/")).keyCount());
        }
    }

    static String createBucket(S3Client s3, DevRegion region) {
        String bucket = "paydr-test-" + UUID.randomUUID().toString().substring(0, 8) + "-" + region.id();
        s3.createBucket(b -> {
            b.bucket(bucket);
            if (region != DevRegion.PRIMARY) {
                b.createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.fromValue(region.id())));
            }
        });
        return bucket;
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
