package io.paydr.ops.internal;

import io.paydr.contract.ObjectMetadataNames;
import io.paydr.contract.ContentEncoding;
import io.paydr.contract.DigestingInputStream;
import io.paydr.contract.Sha256;
import io.paydr.ops.OpsException;
import io.paydr.ops.internal.PayloadKeyLayout.PayloadKey;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Finds size, SHA-256 and record count of a stored payload. HeadObject first (one round trip): S3's full-object
 * SHA-256 checksum and the publisher's metadata. Only when one of them is missing (a multipart object has a
 * composite checksum; a foreign writer sets no metadata) is the object streamed once to compute them.
 */
public final class ObjectInspector {

    /** User-metadata names the publisher (io.paydr.publisher) writes; S3 returns them lower-cased. */

    private final S3Client s3;

    public ObjectInspector(S3Client s3) {
        this.s3 = s3;
    }

    public PayloadObject inspect(String bucket, PayloadKey key) {
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(key.key()).checksumMode(ChecksumMode.ENABLED));
        requireEncodingAgrees(key, head.contentEncoding());
        Map<String, String> meta = head.metadata();
        String s3Sha = fullObjectSha256(head);
        String metaSha = meta.get(ObjectMetadataNames.PAYLOAD_SHA256);
        if (s3Sha != null && metaSha != null && !s3Sha.equals(metaSha)) {
            throw new OpsException("s3://" + bucket + "/" + key.key() + ": S3 checksum " + s3Sha
                    + " disagrees with metadata " + ObjectMetadataNames.PAYLOAD_SHA256 + " " + metaSha);
        }
        String sha = s3Sha != null ? s3Sha : Sha256.isHex(metaSha) ? metaSha : null;
        String source = s3Sha != null ? "s3-checksum" : "metadata";
        long count = count(meta.get(ObjectMetadataNames.RECORD_COUNT));
        if (sha == null || count < 1) {
            Streamed streamed = stream(bucket, key);
            sha = streamed.sha256Hex();
            count = streamed.lines();
            source = "computed";
        }
        String version = meta.getOrDefault(ObjectMetadataNames.SCHEMA_VERSION, "1");
        return new PayloadObject(bucket, key.key(), key.batchId(), key.encoding(), head.contentLength(), count, sha,
                version, source);
    }

    /**
     * S3's SHA-256 is of the whole object only for single-part uploads (or FULL_OBJECT checksums); a composite
     * value ends in "-<parts>" and is a checksum of part checksums.
     */
    static String fullObjectSha256(HeadObjectResponse head) {
        String b64 = head.checksumSHA256();
        if (b64 == null || b64.contains("-") || head.checksumType() == ChecksumType.COMPOSITE) {
            return null;
        }
        return Sha256.base64ToHex(b64);
    }

    private static void requireEncodingAgrees(PayloadKey key, String contentEncoding) {
        if (contentEncoding == null || contentEncoding.isBlank()) {
            return;
        }
        ContentEncoding header;
        try {
            header = ContentEncoding.of(contentEncoding);
        } catch (IllegalArgumentException e) {
            throw new OpsException(key.key() + ": unsupported Content-Encoding '" + contentEncoding + "'");
        }
        if (header != key.encoding()) {
            throw new OpsException(key.key() + ": Content-Encoding " + header.headerValue()
                    + " disagrees with the key suffix (" + key.encoding().headerValue() + ")");
        }
    }

    private static long count(String value) {
        try {
            return value == null ? -1 : Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    record Streamed(String sha256Hex, long lines) {
    }

    private Streamed stream(String bucket, PayloadKey key) {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key.key()));
             DigestingInputStream raw = new DigestingInputStream(in);
             InputStream decoded = key.encoding() == ContentEncoding.GZIP ? new GZIPInputStream(raw, 65536) : raw) {
            long lines = countLines(decoded);
            raw.drain(); // bytes after the gzip trailer still belong to the digest
            return new Streamed(raw.hexDigest(), lines);
        } catch (IOException e) {
            throw new UncheckedIOException("reading s3://" + bucket + "/" + key.key(), e);
        }
    }

    /** Non-empty lines, as the publisher counts records (one JSON object per line). */
    static long countLines(InputStream in) throws IOException {
        byte[] buffer = new byte[65536];
        long lines = 0;
        boolean inLine = false;
        for (int n; (n = in.read(buffer)) > 0; ) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    lines += inLine ? 1 : 0;
                    inLine = false;
                } else if (buffer[i] != '\r') {
                    inLine = true;
                }
            }
        }
        return lines + (inLine ? 1 : 0);
    }
}
