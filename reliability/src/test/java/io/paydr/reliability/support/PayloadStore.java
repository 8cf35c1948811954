package io.paydr.reliability.support;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.NdjsonWriter;
import io.paydr.contract.PayloadKeys;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Writes payload objects into devstack's S3 under the contract's key layout, valid or deliberately broken. */
public final class PayloadStore {
    private final S3Client s3;

    public PayloadStore(S3Client s3) {
        this.s3 = s3;
    }

    /** The records as the publisher writes them (NdjsonWriter), stored under a fresh batch id. */
    public StoredPayload put(String bucket, List<PaymentTransaction> records, ContentEncoding encoding) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NdjsonWriter.writeAll(records, out, encoding);
        return putBytes(bucket, out.toByteArray(), records.size(), encoding);
    }

    /** Hand-written JSON lines (each gets a trailing newline), for records the publisher would refuse to write. */
    public StoredPayload putLines(String bucket, List<String> lines, ContentEncoding encoding) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        byte[] plain = text.toString().getBytes(StandardCharsets.UTF_8);
        return putBytes(bucket, encoding == ContentEncoding.GZIP ? gzip(plain) : plain, lines.size(), encoding);
    }

    /** Stores exactly these bytes; the message will claim the given record count and their true SHA-256. */
    public StoredPayload putBytes(String bucket, byte[] stored, long claimedRecords, ContentEncoding encoding) {
        String batchId = "b-" + UUID.randomUUID();
        String key = PayloadKeys.key(PayloadKeys.DEFAULT_PREFIX, Instant.now(), batchId, encoding);
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(stored));
        return new StoredPayload(bucket, key, batchId, Sha256.hexOf(stored), claimedRecords, stored.length, encoding);
    }

    public static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] encode(List<PaymentTransaction> records, ContentEncoding encoding) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NdjsonWriter.writeAll(records, out, encoding);
        return out.toByteArray();
    }
}
