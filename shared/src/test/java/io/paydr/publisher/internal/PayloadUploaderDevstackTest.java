package io.paydr.publisher.internal;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.Fixtures;
import io.paydr.contract.NdjsonReader;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.Sha256;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/** The object settings of a payload, single-part and multipart, against the devstack S3 (s3proxy). */
class PayloadUploaderDevstackTest {

    private static final long MIB = 1024 * 1024;
    private static S3Client s3;
    private static String bucket;

    @TempDir
    Path spool;

    @BeforeAll
    static void bucket() {
        s3 = Devstack.shared().s3(DevRegion.PRIMARY);
        bucket = "uploader-" + UUID.randomUUID().toString().substring(0, 8);
        s3.createBucket(b -> b.bucket(bucket));
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    private static List<PaymentTransaction> read(byte[] bytes, ContentEncoding enc) {
        List<PaymentTransaction> out = new ArrayList<>();
        try (NdjsonReader r = NdjsonReader.open(new ByteArrayInputStream(bytes), enc)) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void singlePutCarriesEncodingMetadataAndTheBytesOfTheDigest() {
        List<PaymentTransaction> records = Fixtures.batch(2_000);
        String key = "payments/v1/dt=2026-11-25/hh=16/single.jsonl.gz";
        try (SpooledPayload p = SpooledPayload.write(records, ContentEncoding.GZIP, 8 * MIB, 8 * MIB, spool)) {
            PayloadUploader uploader = new PayloadUploader(s3, "alias/paydr-payloads", 16 * MIB, 8 * MIB);
            boolean stored = uploader.upload(bucket, key, "single", records.size(), p);
            // false only if the SDK retried the write after a lost response and met its own object (412)
            assertTrue(stored || p.sha256Hex().equals(s3.headObject(b -> b.bucket(bucket).key(key)).metadata()
                    .get("payload-sha256")), "stored");

            ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key));
            assertEquals(p.sha256Hex(), Sha256.hexOf(got.asByteArray()));
            assertEquals(records, read(got.asByteArray(), ContentEncoding.GZIP));
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key));
            assertEquals("gzip", head.contentEncoding());
            assertEquals("application/x-ndjson", head.contentType());
            assertEquals("2000", head.metadata().get("record-count"));
            assertEquals("1", head.metadata().get("schema-version"));
            assertEquals("single", head.metadata().get("batch-id"));
            assertEquals(p.sha256Hex(), head.metadata().get("payload-sha256"));
            assertEquals(p.recordsSha256Hex(), head.metadata().get("records-sha256"));

            assertFalse(uploader.upload(bucket, key, "single", records.size(), p), "the key is taken: not stored");
            assertEquals(head.eTag(), s3.headObject(b -> b.bucket(bucket).key(key)).eTag(), "and not replaced");
        }
    }

    @Test
    void largePayloadGoesUpInPartsFromTheSpoolFile() {
        List<PaymentTransaction> records = Fixtures.batch(80_000);
        String key = "payments/v1/dt=2026-11-25/hh=16/multi.jsonl";
        try (SpooledPayload p = SpooledPayload.write(records, ContentEncoding.IDENTITY, MIB, 5 * MIB, spool)) {
            assertFalse(p.inMemory());
            assertTrue(p.partCount() >= 2, "needs several parts, has " + p.partCount());
            PayloadUploader uploader = new PayloadUploader(s3, null, 5 * MIB, 5 * MIB);
            assertTrue(uploader.upload(bucket, key, "multi", records.size(), p), "stored");
            assertFalse(uploader.upload(bucket, key, "multi", records.size(), p), "a second upload: the key is taken");

            byte[] stored = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
            assertEquals(p.size(), stored.length);
            assertEquals(p.sha256Hex(), Sha256.hexOf(stored));
            assertEquals(records.size(), read(stored, ContentEncoding.IDENTITY).size());
            assertEquals("80000", s3.headObject(b -> b.bucket(bucket).key(key)).metadata().get("record-count"));
        }
        ListMultipartUploadsResponse open = s3.listMultipartUploads(b -> b.bucket(bucket));
        assertTrue(open.uploads().isEmpty(), "no multipart upload left open");
    }
}
