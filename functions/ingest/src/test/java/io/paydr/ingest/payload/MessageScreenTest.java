package io.paydr.ingest.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.MessageRejectedException;
import io.paydr.contract.PayloadAttributes;
import io.paydr.contract.PayloadPointer;
import io.paydr.contract.PointerCodec;
import io.paydr.contract.ReasonCode;
import io.paydr.ingest.config.IngestConfig;
import io.paydr.aws.TableName;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageScreenTest {
    private static final String SHA = "d".repeat(64);
    private static final String KEY = "payments/v1/dt=2026-11-25/hh=16/batch-7.jsonl.gz";
    private final MessageScreen screen = new MessageScreen(IngestConfig.fromEnvironment(Map.of(
            "AWS_REGION", "us-east-1", "REGION_ROLE", "primary", "REDSHIFT_WORKGROUP", "paydr-us-east-1",
            "REDSHIFT_DATABASE", "payments", "REDSHIFT_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:1:secret:x",
            "ALLOWED_BUCKETS", "paydr-payloads", "STAGING_BUCKET", "paydr-payloads")));

    private static Map<String, String> attributes(String dataset) {
        Map<String, String> a = new HashMap<>(PayloadAttributes.payments(2, SHA, "batch-7", ContentEncoding.GZIP, 100)
                .toStringAttributes());
        a.put("dataset", dataset);
        a.put("ExtendedPayloadSize", "100");
        return a;
    }

    private static ReceivedMessage pointerMessage(String bucket, String key, String dataset) {
        return new ReceivedMessage("m-1", PointerCodec.write(new PayloadPointer(bucket, key)), attributes(dataset),
                Optional.empty(), "rh");
    }

    @Test
    void pointerMessageIsKeyedByItsObjectKey() {
        PayloadRequest request = screen.screen(pointerMessage("paydr-payloads",
                "payments/v1/dt=2026-11-25/hh=16/batch-7.jsonl.gz", "payments"));

        assertEquals("payments/v1/dt=2026-11-25/hh=16/batch-7.jsonl.gz", request.payloadKey());
        assertEquals(new TableName("public", "payments"), request.table());
    }

    @Test
    void inlineMessageIsKeyedByItsBatchId() {
        Map<String, String> attrs = attributes("payments");
        attrs.put("content_encoding", "identity");
        ReceivedMessage inline = new ReceivedMessage("m-2", "{\"transaction_id\":\"x\"}\n", attrs, Optional.empty(), "rh");

        assertEquals("inline/batch-7", screen.screen(inline).payloadKey());
    }

    @Test
    void bucketOutsideTheAllowlistIsRefused() {
        MessageRejectedException e = assertThrows(MessageRejectedException.class,
                () -> screen.screen(pointerMessage("someone-elses-bucket", KEY, "payments")));
        assertEquals(ReasonCode.BUCKET_NOT_ALLOWED, e.reason());
    }

    @Test
    void aDeclaredSizeAboveMaxPayloadBytesIsRefusedBeforeAnyRead() {
        MessageScreen strict = new MessageScreen(IngestConfig.fromEnvironment(Map.of(
                "AWS_REGION", "us-east-1", "REGION_ROLE", "primary", "REDSHIFT_WORKGROUP", "paydr-us-east-1",
                "REDSHIFT_DATABASE", "payments", "REDSHIFT_SECRET_ARN", "arn:aws:secretsmanager:us-east-1:1:secret:x",
                "ALLOWED_BUCKETS", "paydr-payloads", "STAGING_BUCKET", "paydr-payloads", "MAX_PAYLOAD_BYTES", "99")));
        MessageRejectedException e = assertThrows(MessageRejectedException.class,
                () -> strict.screen(pointerMessage("paydr-payloads", KEY, "payments")));
        assertEquals(ReasonCode.PAYLOAD_TOO_LARGE, e.reason());
        assertEquals("payload of 100 bytes exceeds MAX_PAYLOAD_BYTES (99)", e.detail());
        assertEquals(KEY,
                screen.screen(pointerMessage("paydr-payloads", KEY, "payments")).payloadKey(),
                "100 bytes pass the default limit");
    }

    @Test
    void unregisteredDatasetIsRefused() {
        MessageRejectedException e = assertThrows(MessageRejectedException.class,
                () -> screen.screen(pointerMessage("paydr-payloads", KEY, "refunds")));
        assertEquals(ReasonCode.UNKNOWN_DATASET, e.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../secrets/x.jsonl", "payments/../../x", "/payments/x", "payments//x", "payments/x/",
            "payments/x y", "payments/x'; DROP TABLE payments; --", "payments/ü", "payments/./x"})
    void oddKeysAreRefused(String key) {
        MessageRejectedException e = assertThrows(MessageRejectedException.class,
                () -> screen.screen(pointerMessage("paydr-payloads", key, "payments")));
        assertEquals(ReasonCode.BAD_KEY, e.reason());
    }

    @Test
    void overlongKeysAreRefused() {
        assertThrows(MessageRejectedException.class, () -> MessageScreen.requireSaneKey("a/".repeat(600) + "x"));
    }

    @Test
    void aKeyOutsideTheDatasetsPrefixIsRefused() {
        MessageRejectedException e = assertThrows(MessageRejectedException.class,
                () -> screen.screen(pointerMessage("paydr-payloads", "tmp/batch-7.jsonl.gz", "payments")));
        assertEquals(ReasonCode.KEY_OUTSIDE_DATASET_PREFIX, e.reason());
        assertThrows(MessageRejectedException.class,
                () -> screen.screen(pointerMessage("paydr-payloads", "paymentsx/batch-7.jsonl.gz", "payments")));
    }

    @Test
    void theKeysFileNameMustBeTheBatchIdWithTheEncodingsSuffix() {
        MessageRejectedException other = assertThrows(MessageRejectedException.class, () -> screen.screen(
                pointerMessage("paydr-payloads", "payments/v1/dt=2026-11-25/hh=16/batch-8.jsonl.gz", "payments")));
        assertEquals(ReasonCode.BATCH_ID_MISMATCH, other.reason());
        MessageRejectedException suffix = assertThrows(MessageRejectedException.class, () -> screen.screen(
                pointerMessage("paydr-payloads", "payments/v1/dt=2026-11-25/hh=16/batch-7.jsonl", "payments")));
        assertEquals(ReasonCode.BAD_KEY, suffix.reason(), "content_encoding gzip names a .jsonl.gz object");
    }
}
