package io.paydr.local.capacity;

import io.paydr.contract.AttributeNames;
import io.paydr.contract.ContentEncoding;
import io.paydr.contract.NdjsonWriter;
import io.paydr.contract.PayloadAttributes;
import io.paydr.contract.PayloadKeys;
import io.paydr.contract.PayloadPointer;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.PointerCodec;
import io.paydr.contract.Sha256;
import io.paydr.local.generator.PaymentGenerator;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Payment payloads as the publisher writes them (JSON Lines objects under {@code payments/v1/dt=.../hh=...} and the
 * pointer message SNS raw delivery leaves in SQS), each with transaction ids of its own, so no two payloads of a run
 * share content or records. The records of one size are generated once and renamed per payload: generation stays off
 * the measured path.
 */
final class Payloads {

    /** A payload in S3 and the pointer message that announces it. */
    record Payload(String bucket, String key, long records, SendMessageBatchRequestEntry.Builder message) {
    }

    private final S3Client s3;
    private final SqsClient sqs;
    private final String bucket;
    private final Map<Integer, List<PaymentTransaction>> templates = new LinkedHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final String run = Long.toString(System.currentTimeMillis(), 36);

    Payloads(S3Client s3, SqsClient sqs, String bucket) {
        this.s3 = s3;
        this.sqs = sqs;
        this.bucket = bucket;
    }

    /** Writes {@code count} payloads of {@code records} records each to S3; sends nothing yet. */
    List<Payload> put(int count, int records) {
        List<PaymentTransaction> template = templates.computeIfAbsent(records,
                n -> PaymentGenerator.builder().build().nextBatch(n));
        List<Payload> out = new ArrayList<>(count);
        for (int p = 0; p < count; p++) {
            String batchId = "cap-" + run + "-" + sequence.incrementAndGet();
            List<PaymentTransaction> rows = new ArrayList<>(records);
            for (int i = 0; i < records; i++) {
                PaymentTransaction t = template.get(i);
                rows.add(new PaymentTransaction(batchId + "-" + i, t.merchantId(), t.amountMinor(), t.currency(),
                        t.status(), t.occurredAt(), t.sourceRegion()));
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(records * 200);
            NdjsonWriter.writeAll(rows, bytes, ContentEncoding.IDENTITY);
            byte[] body = bytes.toByteArray();
            String key = PayloadKeys.key(PayloadKeys.DEFAULT_PREFIX, Instant.now(), batchId, ContentEncoding.IDENTITY);
            putWithPatience(key, body);
            out.add(new Payload(bucket, key, records, message(key, body, records, batchId)));
        }
        return out;
    }

    /**
     * Setup, not a measured path: after a cell with many invocations devstack's S3 has refused connections for a
     * few seconds (end of file from the server), so a backlog write waits and tries again rather than ending the run.
     */
    private void putWithPatience(String key, byte[] body) {
        for (int attempt = 1; ; attempt++) {
            try {
                s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(body));
                return;
            } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
                if (attempt == 5) {
                    throw e;
                }
                try {
                    Thread.sleep(2_000L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** Sends the payloads' pointer messages, ten per SendMessageBatch, in order. */
    void send(String queueUrl, List<Payload> payloads) {
        for (int from = 0; from < payloads.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (Payload p : payloads.subList(from, Math.min(payloads.size(), from + 10))) {
                entries.add(p.message().id(Integer.toString(entries.size())).build());
            }
            var response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("SendMessageBatch refused " + response.failed());
            }
        }
    }

    private SendMessageBatchRequestEntry.Builder message(String key, byte[] body, long records, String batchId) {
        PayloadAttributes attributes = PayloadAttributes.payments(records, Sha256.hexOf(body), batchId,
                ContentEncoding.IDENTITY, body.length);
        Map<String, MessageAttributeValue> m = new LinkedHashMap<>();
        attributes.toStringAttributes().forEach((name, value) ->
                m.put(name, MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
        m.put(AttributeNames.EXTENDED_PAYLOAD_SIZE,
                MessageAttributeValue.builder().dataType("Number").stringValue(Long.toString(body.length)).build());
        return SendMessageBatchRequestEntry.builder()
                .messageBody(PointerCodec.write(new PayloadPointer(bucket, key)))
                .messageAttributes(m);
    }
}
