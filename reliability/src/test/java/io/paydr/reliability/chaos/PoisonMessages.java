package io.paydr.reliability.chaos;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.ReasonCode;
import io.paydr.contract.Sha256;
import io.paydr.reliability.support.PayloadStore;
import io.paydr.reliability.support.Records;
import io.paydr.reliability.support.StoredPayload;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/**
 * The poison messages the chaos test plants: published to the primary topic like any message, so both Regions'
 * queues receive each once. Each is identified by its body and its batch_id attribute (the payload's own: the
 * function checks it against the key), has a name for messages, and the reason code the function must log for it.
 */
final class PoisonMessages {

    /** One planted message and the reason it must be rejected with. */
    record Poison(String name, String batchId, String body, ReasonCode reason) {
        String identity() {
            return batchId + " " + body;
        }
    }

    private PoisonMessages() {
    }

    static List<Poison> plant(ChaosStack stack) {
        PayloadStore store = new PayloadStore(stack.primary().s3());
        String bucket = stack.primary().stack().bucket();
        List<Poison> planted = new ArrayList<>();
        StoredPayload valid = store.put(bucket, Records.valid("poison-valid", 4), ContentEncoding.IDENTITY);
        planted.add(publish(stack, "poison-malformed-pointer", valid.pointerBody().substring(0, 40), valid,
                ReasonCode.MALFORMED_POINTER));
        planted.add(publish(stack, "poison-unknown-class",
                valid.pointerBody().replace("software.amazon.payloadoffloading.PayloadS3Pointer", "com.evil.Gadget"),
                valid, ReasonCode.UNKNOWN_POINTER_CLASS));
        StoredPayload wrongSha = store.put(bucket, Records.valid("poison-sha", 4), ContentEncoding.IDENTITY)
                .withSha256(Sha256.hexOf("not these bytes".getBytes(StandardCharsets.UTF_8)));
        planted.add(publish(stack, "poison-checksum", wrongSha.pointerBody(), wrongSha, ReasonCode.CHECKSUM_MISMATCH));
        StoredPayload wrongCount = store.put(bucket, Records.valid("poison-count", 4), ContentEncoding.GZIP)
                .withRecords(5);
        planted.add(publish(stack, "poison-record-count", wrongCount.pointerBody(), wrongCount,
                ReasonCode.RECORD_COUNT_MISMATCH));
        StoredPayload foreign = store.put(stack.foreignBucket, Records.valid("poison-foreign", 4),
                ContentEncoding.IDENTITY);
        planted.add(publish(stack, "poison-foreign-bucket", foreign.pointerBody(), foreign,
                ReasonCode.BUCKET_NOT_ALLOWED));
        StoredPayload floatAmount = store.putLines(bucket, List.of(Records.line("poison-float-0"),
                Records.line("poison-float-1", Map.of("amount_minor", "12.5"))), ContentEncoding.IDENTITY);
        planted.add(publish(stack, "poison-float-amount", floatAmount.pointerBody(), floatAmount,
                ReasonCode.MALFORMED_PAYLOAD));
        StoredPayload otherDataset = store.put(bucket, Records.valid("poison-dataset", 4), ContentEncoding.IDENTITY);
        Map<String, String> refunds = new LinkedHashMap<>(otherDataset.attributes());
        refunds.put("dataset", "refunds");
        planted.add(publish(stack, "poison-unknown-dataset", otherDataset.pointerBody(), refunds,
                ReasonCode.UNKNOWN_DATASET));
        return planted;
    }

    private static Poison publish(ChaosStack stack, String name, String body, StoredPayload payload,
                                  ReasonCode reason) {
        return publish(stack, name, body, payload.attributes(), reason);
    }

    private static Poison publish(ChaosStack stack, String name, String body, Map<String, String> attributes,
                                  ReasonCode reason) {
        Map<String, MessageAttributeValue> sns = new LinkedHashMap<>();
        attributes.forEach((attribute, value) -> sns.put(attribute, MessageAttributeValue.builder()
                .dataType(attribute.equals("ExtendedPayloadSize") ? "Number" : "String").stringValue(value).build()));
        SnsClient client = stack.primary().sns();
        client.publish(r -> r.topicArn(stack.primary().stack().topicArn()).message(body).messageAttributes(sns));
        return new Poison(name, attributes.get("batch_id"), body, reason);
    }
}
