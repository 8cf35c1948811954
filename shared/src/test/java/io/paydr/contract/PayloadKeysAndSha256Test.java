package io.paydr.contract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

class PayloadKeysAndSha256Test {

    private static final Instant T = Instant.parse("2026-11-05T07:08:09.123Z");

    @Test
    void keyLayoutFollowsTheDesign() {
        assertEquals("payments/v1/dt=2026-11-05/hh=07/b-1.jsonl.gz",
                PayloadKeys.key(null, T, "b-1", ContentEncoding.GZIP));
        assertEquals("payments/v1/dt=2026-11-05/hh=07/b_2.jsonl",
                PayloadKeys.key("payments/v1", T, "b_2", ContentEncoding.IDENTITY));
        assertEquals("tenant-a/payments/v1/dt=2026-11-05/hh=07/B3.jsonl",
                PayloadKeys.key("/tenant-a/payments/v1/", T, "B3", ContentEncoding.IDENTITY));
    }

    @Test
    void aBatchIdsClaimDependsOnThePrefixAndTheIdAloneAndLiesOutsideEveryHourPartition() {
        assertEquals("payments/v1/batch-ids/b-1.json", PayloadKeys.claimKey(null, "b-1"));
        assertEquals("tenant-a/payments/v1/batch-ids/B3.json", PayloadKeys.claimKey("/tenant-a/payments/v1/", "B3"));
        assertThrows(IllegalArgumentException.class, () -> PayloadKeys.claimKey(null, "../b"));
        String payload = PayloadKeys.key(null, T, "b-1", ContentEncoding.GZIP);
        String hourFolder = payload.substring(0, payload.lastIndexOf('/') + 1);
        assertFalse(PayloadKeys.claimKey(null, "b-1").startsWith(hourFolder));
        assertFalse(PayloadKeys.claimKey(null, "b-1").contains("/dt="), "no listing of partitions reaches a claim");
        assertTrue(PayloadKeys.isClaimKey(PayloadKeys.claimKey("tenant-a/payments/v1", "B3")));
        assertFalse(PayloadKeys.isClaimKey(payload));
        assertFalse(PayloadKeys.isClaimKey("batch-ids/b-1.json"), "a claim has a prefix");
        assertFalse(PayloadKeys.isClaimKey("payments/v1/batch-ids/.json"));
        assertFalse(PayloadKeys.isClaimKey("payments/v1/other/b-1.json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "..", "a b", "é", "a.b"})
    void unsafeBatchIdsAreRefused(String batchId) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PayloadKeys.key(null, T, batchId, ContentEncoding.GZIP));
        assertEquals(PayloadKeys.BATCH_ID_RULE, e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PayloadKeys.requireSafeBatchId("x".repeat(129)));
        PayloadKeys.requireSafeBatchId("x".repeat(128));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/../b", "a//b", "./a", "a b", "a?b"})
    void unsafePrefixesAreRefused(String prefix) {
        assertThrows(IllegalArgumentException.class, () -> PayloadKeys.key(prefix, T, "b", ContentEncoding.GZIP));
    }

    @Test
    void sha256HexAndBase64AgreeWithKnownVector() {
        String hex = Sha256.hexOf("abc".getBytes(StandardCharsets.US_ASCII));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", hex);
        assertEquals("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=", Sha256.hexToBase64(hex));
        assertEquals(hex, Sha256.base64ToHex("ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0="));
        assertTrue(Sha256.isHex(hex));
        assertFalse(Sha256.isHex(hex.toUpperCase()));
    }

    @Test
    void digestingStreamsCountAndHashWhatPassesThrough() throws Exception {
        byte[] data = "hello, payments".repeat(1000).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        DigestingOutputStream out = new DigestingOutputStream(sink);
        out.write(data, 0, 10);
        out.write(data[10]);
        out.write(data, 11, data.length - 11);
        assertEquals(data.length, out.bytesWritten());
        assertEquals(Sha256.hexOf(data), out.hexDigest());
        assertArrayEquals(data, sink.toByteArray());

        DigestingInputStream in = new DigestingInputStream(new ByteArrayInputStream(data));
        assertEquals(data[0], (byte) in.read());
        assertEquals(data.length - 1, in.drain());
        assertEquals(data.length, in.bytesRead());
        assertEquals(Sha256.hexOf(data), in.hexDigest());
    }
}
