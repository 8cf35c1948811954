package io.paydr.ops.devstack;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.NdjsonWriter;
import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.PayloadKeys;
import io.paydr.contract.Sha256;
import io.paydr.devstack.DevRegion;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes payload objects into devstack S3 the way the publisher does (key layout, SHA-256 checksum, metadata). */
final class StoredPayloads {

    /** A stored payload and the facts its pointer message must carry. */
    record Stored(String bucket, String key, String batchId, ContentEncoding encoding, long size, long records,
                  String sha256Hex) {
    }

    private StoredPayloads() {
    }

    static String createBucket(S3Client s3, DevRegion region) {
        String bucket = "paydr-ops-" + UUID.randomUUID().toString().substring(0, 8) + "-" + region.id();
        s3.createBucket(b -> {
            b.bucket(bucket);
            if (region != DevRegion.PRIMARY) {
                b.createBucketConfiguration(c -> c.locationConstraint(BucketLocationConstraint.fromValue(region.id())));
            }
        });
        return bucket;
    }

    /** Stores a payload of {@code records} payments published at {@code publishedAt}, as the publisher would. */
    static Stored put(S3Client s3, String bucket, Instant publishedAt, int records, ContentEncoding encoding,
                      boolean withMetadata) {
        String batchId = "b" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        byte[] bytes = ndjson(batchId, publishedAt, records, encoding);
        String key = PayloadKeys.key(null, publishedAt, batchId, encoding);
        String sha = Sha256.hexOf(bytes);
        s3.putObject(b -> {
            b.bucket(bucket).key(key).contentType("application/x-ndjson");
            if (encoding == ContentEncoding.GZIP) {
                b.contentEncoding("gzip");
            }
            if (withMetadata) {
                b.checksumSHA256(Sha256.hexToBase64(sha)).metadata(Map.of("record-count", Integer.toString(records),
                        "schema-version", "1", "dataset", "payments", "batch-id", batchId, "payload-sha256", sha));
            }
        }, RequestBody.fromBytes(bytes));
        return new Stored(bucket, key, batchId, encoding, bytes.length, records, sha);
    }

    static byte[] ndjson(String batchId, Instant at, int records, ContentEncoding encoding) {
        List<PaymentTransaction> rows = new ArrayList<>();
        for (int i = 0; i < records; i++) {
            rows.add(new PaymentTransaction(batchId + "-" + i, "m-" + (i % 7), 100L + i, "EUR", PaymentStatus.CAPTURED,
                    at, "us-east-1"));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NdjsonWriter.writeAll(rows, out, encoding);
        return out.toByteArray();
    }
}
