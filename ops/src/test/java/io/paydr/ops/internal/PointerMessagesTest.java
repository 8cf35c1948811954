package io.paydr.ops.internal;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.InboundMessage;
import io.paydr.contract.PayloadAttributes;
import io.paydr.contract.PayloadPointer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PointerMessagesTest {

    private static final String SHA = "ab".repeat(32);
    private static final PayloadObject OBJECT = new PayloadObject("bkt",
            "payments/v1/dt=2026-11-25/hh=16/b-7.jsonl.gz", "b-7", ContentEncoding.GZIP, 4096, 250, SHA, "1",
            "s3-checksum");

    @Test
    void bodyIsThePayloadOffloadingPointer() {
        assertEquals("[\"software.amazon.payloadoffloading.PayloadS3Pointer\",{\"s3BucketName\":\"bkt\","
                + "\"s3Key\":\"payments/v1/dt=2026-11-25/hh=16/b-7.jsonl.gz\"}]", PointerMessages.body(OBJECT));
    }

    @Test
    void attributesAreTheWireContractsSevenWithTypes() {
        Map<String, MessageAttributeValue> a = PointerMessages.attributes(OBJECT);
        assertEquals(List.of("dataset", "schema_version", "record_count", "payload_sha256", "batch_id",
                "content_encoding", "ExtendedPayloadSize"), List.copyOf(a.keySet()));
        assertEquals("Number", a.get("ExtendedPayloadSize").dataType());
        assertEquals("4096", a.get("ExtendedPayloadSize").stringValue());
        a.entrySet().stream().filter(e -> !e.getKey().equals("ExtendedPayloadSize"))
                .forEach(e -> assertEquals("String", e.getValue().dataType(), e.getKey()));
    }

    @Test
    void theConsumersParserReadsBackExactlyWhatWasReplayed() {
        SendMessageBatchRequestEntry e = PointerMessages.entry("0", OBJECT);
        Map<String, String> flat = new LinkedHashMap<>();
        e.messageAttributes().forEach((k, v) -> flat.put(k, v.stringValue()));
        InboundMessage m = InboundMessage.parse(e.messageBody(), flat);
        assertEquals(new PayloadPointer("bkt", OBJECT.key()), m.pointer().orElseThrow());
        assertEquals(new PayloadAttributes("payments", "1", 250, SHA, "b-7", ContentEncoding.GZIP,
                OptionalLong.of(4096)), m.attributes());
    }
}
