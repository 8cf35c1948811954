package io.paydr.reliability.support;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.NdjsonWriter;
import io.paydr.contract.PayloadKeys;
import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Generates a gzip payload of valid records lazily and uploads it by multipart while it is generated, hashing the
 * stored bytes on the way: neither the records nor the object are ever held in memory as a whole (one 8 MiB part
 * buffer at a time).
 */
public final class StreamingPayloadUpload {
    private static final int PART_SIZE = 8 * 1024 * 1024;
    private static final Instant BASE = Instant.parse("2026-11-25T00:00:00.000Z");

    /** What was uploaded: the payload as a message describes it, and its decoded (JSON Lines) size. */
    public record Result(StoredPayload payload, long decodedBytes) {
    }

    private StreamingPayloadUpload() {
    }

    /** Uploads records {@code <prefix>-0, -1, ...} until at least {@code decodedBytes} of JSON Lines are written. */
    public static Result upload(S3Client s3, String bucket, String prefix, long decodedBytes) {
        String batchId = "b-" + UUID.randomUUID();
        String key = PayloadKeys.key(PayloadKeys.DEFAULT_PREFIX, Instant.now(), batchId, ContentEncoding.GZIP);
        String uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
        PartUploader parts = new PartUploader(s3, bucket, key, uploadId);
        CountingStream decoded;
        long records = 0;
        try {
            decoded = new CountingStream(new GZIPOutputStream(parts, 64 * 1024));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try (NdjsonWriter writer = NdjsonWriter.open(decoded, ContentEncoding.IDENTITY)) {
            while (decoded.count < decodedBytes) {
                for (int i = 0; i < 1000; i++, records++) {
                    writer.write(record(prefix, records));
                }
            }
        }
        List<CompletedPart> completed = parts.completed();
        s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(completed)));
        StoredPayload payload = new StoredPayload(bucket, key, batchId, Sha256.hex(parts.digest.digest()), records,
                parts.storedBytes, ContentEncoding.GZIP);
        return new Result(payload, decoded.count);
    }

    static PaymentTransaction record(String prefix, long i) {
        return new PaymentTransaction(prefix + "-" + i, "merchant-" + (i % 997), 100 + i % 100_000, "EUR",
                PaymentStatus.values()[(int) (i % 5)], BASE.plusMillis(i * 7), "us-east-1");
    }

    /** Counts the decoded bytes written through it. */
    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }
    }

    /** Buffers one part at a time and uploads it when full (and the last one on close), hashing every byte. */
    private static final class PartUploader extends OutputStream {
        private final S3Client s3;
        private final String bucket;
        private final String key;
        private final String uploadId;
        private final ByteArrayOutputStream part = new ByteArrayOutputStream(PART_SIZE);
        private final List<CompletedPart> completed = new ArrayList<>();
        final MessageDigest digest = Sha256.newDigest();
        long storedBytes;

        PartUploader(S3Client s3, String bucket, String key, String uploadId) {
            this.s3 = s3;
            this.bucket = bucket;
            this.key = key;
            this.uploadId = uploadId;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            digest.update(b, off, len);
            storedBytes += len;
            part.write(b, off, len);
            if (part.size() >= PART_SIZE) {
                flushPart();
            }
        }

        @Override
        public void close() {
            if (part.size() > 0 || completed.isEmpty()) {
                flushPart();
            }
        }

        List<CompletedPart> completed() {
            return List.copyOf(completed);
        }

        private void flushPart() {
            int number = completed.size() + 1;
            String eTag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number),
                    RequestBody.fromBytes(part.toByteArray())).eTag();
            completed.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
            part.reset();
        }
    }
}
