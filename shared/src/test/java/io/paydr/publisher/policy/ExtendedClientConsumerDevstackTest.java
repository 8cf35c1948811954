package io.paydr.publisher.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazon.sqs.javamessaging.AmazonSQSExtendedClient;
import com.amazon.sqs.javamessaging.ExtendedClientConfiguration;
import io.paydr.contract.AttributeNames;
import io.paydr.contract.ContentEncoding;
import io.paydr.contract.Fixtures;
import io.paydr.contract.NdjsonReader;
import io.paydr.contract.PaymentTransaction;
import io.paydr.devstack.DevRegion;
import io.paydr.publisher.DevstackFanout;
import io.paydr.publisher.PaymentPublisher;
import io.paydr.publisher.PublishReceipt;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Another team's consumer with the stock SQS Extended Client (amazon-sqs-java-extended-client-lib), on paydr's
 * messages as the real publisher sends them through devstack's SNS and SQS (docs/consumers.md):
 * <ul>
 *   <li>it reads identity payloads as they are, and gzip payloads (paydr's default) only through an S3 client that
 *       decodes {@code Content-Encoding: gzip}: given the stored bytes it reads them as UTF-8 and loses them;</li>
 *   <li>with {@code cleanupS3Payload=false} its delete sends no S3 request at all (recorded on the wire);</li>
 *   <li>with cleanup on, as a careless consumer has it, its delete sends a DeleteObject for the payload, which the
 *       template's bucket policy denies (DenyPayloadDeletes): devstack's S3 evaluates no bucket policy, so here the
 *       policy as deployed is applied to that exact request at the client; the payload stays, and so does the
 *       consumer's message, which comes back after its visibility timeout.</li>
 * </ul>
 * What only real S3 can show: that S3 itself refuses the request (PayloadBucketPolicyDevstackTest evaluates the
 * same statements on the requests clients send; the evaluation is this project's reading of IAM, not S3's).
 */
class ExtendedClientConsumerDevstackTest {
    private static final String CONSUMER_ROLE = "arn:aws:iam::123456789012:role/analytics-consumer";

    private DevstackFanout fanout;

    @AfterEach
    void tearDown() {
        fanout.close();
    }

    private PublishReceipt publish(List<PaymentTransaction> batch, boolean gzip) {
        try (PaymentPublisher p = PaymentPublisher.builder().s3Client(fanout.s3).snsClient(fanout.sns)
                .bucket(fanout.bucket).topicArn(fanout.topicArn).gzip(gzip).build()) {
            return p.publish(batch);
        }
    }

    /** A consumer's S3 client on devstack with these interceptors; checksums of stored bytes not validated. */
    private S3Client s3(ExecutionInterceptor... interceptors) {
        return fanout.devstack.s3Builder(DevRegion.PRIMARY)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> List.of(interceptors).forEach(o::addExecutionInterceptor)).build();
    }

    private static AmazonSQSExtendedClient consumer(SqsClient sqs, S3Client s3, boolean cleanupS3Payload) {
        // the bucket argument is where this client would put payloads it sends; reading follows each pointer
        return new AmazonSQSExtendedClient(sqs, new ExtendedClientConfiguration()
                .withPayloadSupportEnabled(s3, "consumer-own-bucket", cleanupS3Payload));
    }

    private List<Message> receive(AmazonSQSExtendedClient client, DevRegion region, int expected) {
        List<Message> got = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 15_000;
        while (got.size() < expected && System.currentTimeMillis() < deadline) {
            got.addAll(client.receiveMessage(b -> b.queueUrl(fanout.queueUrls.get(region)).waitTimeSeconds(1)
                    .maxNumberOfMessages(10).messageAttributeNames("All")).messages());
        }
        assertEquals(expected, got.size(), region + ": messages received");
        return got;
    }

    private static String attribute(Message m, String name) {
        return m.messageAttributes().get(name).stringValue();
    }

    private static List<PaymentTransaction> records(String ndjson) {
        List<PaymentTransaction> out = new ArrayList<>();
        try (NdjsonReader r = NdjsonReader.open(new ByteArrayInputStream(ndjson.getBytes(StandardCharsets.UTF_8)),
                ContentEncoding.IDENTITY)) {
            r.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void theStockClientReadsBothEncodingsWhenItsS3ClientDecodesGzip() {
        fanout = new DevstackFanout("consumer-read");
        List<PaymentTransaction> plain = Fixtures.batch(300);
        List<PaymentTransaction> compressed = Fixtures.batch(1_200);
        Map<String, List<PaymentTransaction>> published = new HashMap<>();
        published.put(publish(plain, false).batchId(), plain);
        PublishReceipt gzip = publish(compressed, true);
        published.put(gzip.batchId(), compressed);

        // the pitfall (primary's queue): the gzip payload's bytes read as UTF-8 text
        try (S3Client s3 = s3()) {
            for (Message m : receive(consumer(fanout.sqs.get(DevRegion.PRIMARY), s3, false), DevRegion.PRIMARY, 2)) {
                List<PaymentTransaction> expected = published.get(attribute(m, AttributeNames.BATCH_ID));
                if (attribute(m, AttributeNames.CONTENT_ENCODING).equals("gzip")) {
                    byte[] stored = fanout.s3.getObjectAsBytes(b -> b.bucket(fanout.bucket).key(gzip.key()))
                            .asByteArray();
                    assertTrue(m.body().indexOf('\uFFFD') >= 0, "invalid UTF-8 replaced: the bytes are lost");
                    assertTrue(!java.util.Arrays.equals(stored, m.body().getBytes(StandardCharsets.UTF_8)),
                            "the body is not the stored bytes, and nothing gives them back");
                } else {
                    assertEquals(expected, records(m.body()));
                }
            }
        }
        // the right way (secondary's queue): the S3 client decodes Content-Encoding: gzip
        try (S3Client s3 = s3(new GzipContentEncoding())) {
            for (Message m : receive(consumer(fanout.sqs.get(DevRegion.SECONDARY), s3, false), DevRegion.SECONDARY, 2)) {
                List<PaymentTransaction> got = records(m.body());
                assertEquals(published.get(attribute(m, AttributeNames.BATCH_ID)), got,
                        attribute(m, AttributeNames.CONTENT_ENCODING) + " payload read whole");
                assertEquals(attribute(m, AttributeNames.RECORD_COUNT), Integer.toString(got.size()));
            }
        }
    }

    @Test
    void withoutCleanupItsDeleteSendsNoS3RequestAndThePayloadStays() {
        fanout = new DevstackFanout("consumer-delete");
        PublishReceipt receipt = publish(Fixtures.batch(50), true);
        S3RequestRecorder recorder = new S3RequestRecorder();
        try (S3Client s3 = s3(recorder, new GzipContentEncoding())) {
            AmazonSQSExtendedClient client = consumer(fanout.sqs.get(DevRegion.PRIMARY), s3, false);
            Message m = receive(client, DevRegion.PRIMARY, 1).get(0);
            client.deleteMessage(b -> b.queueUrl(fanout.queueUrls.get(DevRegion.PRIMARY)).receiptHandle(m.receiptHandle()));

            assertEquals(List.of("GetObject"), recorder.drain().stream().map(PayloadBucketPolicy.Request::operation)
                    .toList(), "the consumer's S3 requests: the read, no delete");
        }
        assertEquals(receipt.bytes(), fanout.s3.headObject(b -> b.bucket(fanout.bucket).key(receipt.key()))
                .contentLength(), "the payload is in place");
        assertEquals("0", fanout.sqs.get(DevRegion.PRIMARY).getQueueAttributes(b -> b.queueUrl(fanout.queueUrls
                .get(DevRegion.PRIMARY)).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes().values().stream()
                .reduce("0", (a, b) -> Integer.toString(Integer.parseInt(a) + Integer.parseInt(b))),
                "the message itself is deleted");
    }

    @Test
    void withCleanupOnItsDeleteAsksToDeleteThePayloadWhichThePolicyDeniesAndTheMessageComesBack() {
        fanout = new DevstackFanout("consumer-careless");
        String queue = fanout.queueUrls.get(DevRegion.PRIMARY);
        fanout.sqs.get(DevRegion.PRIMARY).setQueueAttributes(b -> b.queueUrl(queue)
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1")));
        PublishReceipt receipt = publish(Fixtures.batch(50), true);
        PayloadBucketPolicy policy = PayloadBucketPolicy.fromTemplate();
        S3RequestRecorder recorder = new S3RequestRecorder();
        try (S3Client s3 = s3(recorder, new DeployedBucketPolicy(policy, CONSUMER_ROLE), new GzipContentEncoding())) {
            AmazonSQSExtendedClient careless = new AmazonSQSExtendedClient(fanout.sqs.get(DevRegion.PRIMARY),
                    new ExtendedClientConfiguration().withPayloadSupportEnabled(s3, "consumer-own-bucket"));
            assertTrue(new ExtendedClientConfiguration().withPayloadSupportEnabled(s3, "b").doesCleanupS3Payload(),
                    "cleanup is the library's default");
            Message m = receive(careless, DevRegion.PRIMARY, 1).get(0);

            SdkException failed = assertThrows(SdkException.class, () -> careless.deleteMessage(
                    b -> b.queueUrl(queue).receiptHandle(m.receiptHandle())));
            assertTrue(failed.getCause() instanceof S3Exception denied && denied.statusCode() == 403,
                    "the library's delete fails with S3's refusal: " + failed);

            List<PayloadBucketPolicy.Request> sent = recorder.drain();
            PayloadBucketPolicy.Request delete = sent.get(sent.size() - 1);
            assertEquals(new PayloadBucketPolicy.Request("DeleteObject", receipt.key(), false, false), delete,
                    "the payload's key, no version: " + sent);
            assertEquals(Optional.of("DenyPayloadDeletes"), policy.denyingStatement(delete, CONSUMER_ROLE));
            // the library deletes the payload first and the message only after: the message is still there
            Message again = receive(careless, DevRegion.PRIMARY, 1).get(0);
            assertEquals(m.messageId(), again.messageId(), "redelivered: a consumer with cleanup on never deletes one");
        }
        assertEquals(receipt.bytes(), fanout.s3.headObject(b -> b.bucket(fanout.bucket).key(receipt.key()))
                .contentLength(), "the payload is in place");
    }

    @Test
    void withoutTheClientAConsumerParsesThePointerAndVerifiesWhatItReads() throws Exception {
        fanout = new DevstackFanout("consumer-plain");
        List<PaymentTransaction> batch = Fixtures.batch(700);
        publish(batch, true);
        Message m = fanout.receive(DevRegion.SECONDARY, 1, 15_000).get(0);
        Map<String, String> attributes = new HashMap<>();
        m.messageAttributes().forEach((name, value) -> attributes.put(name, value.stringValue()));

        List<String> lines = readPayload(fanout.s3, m.body(), attributes);
        assertEquals(batch, records(String.join("\n", lines) + "\n"));

        attributes.put("payload_sha256", "0".repeat(64));
        assertThrows(IllegalStateException.class, () -> readPayload(fanout.s3, m.body(), attributes),
                "a payload that is not the one the message names is refused");
    }

    /** docs/consumers.md, "Without the client": the pointer parsed, the stored bytes verified, then decoded. */
    static List<String> readPayload(S3Client s3, String body, Map<String, String> attributes) throws Exception {
        com.fasterxml.jackson.databind.JsonNode pointer = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        if (!pointer.isArray() || pointer.size() != 2 || !pointer.get(1).isObject()) {
            throw new IllegalStateException("not a payload pointer");
        }
        String bucket = pointer.get(1).path("s3BucketName").asText();
        String key = pointer.get(1).path("s3Key").asText();
        byte[] stored = s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
        String size = attributes.getOrDefault("ExtendedPayloadSize", attributes.get("SQSLargePayloadSize"));
        String sha256 = java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(stored));
        if (!Long.toString(stored.length).equals(size) || !sha256.equals(attributes.get("payload_sha256"))) {
            throw new IllegalStateException("s3://" + bucket + "/" + key + " is not the payload this message names");
        }
        java.io.InputStream in = new ByteArrayInputStream(stored);
        if ("gzip".equals(attributes.get("content_encoding"))) {
            in = new java.util.zip.GZIPInputStream(in);
        }
        List<String> lines;
        try (java.io.BufferedReader reader = new java.io.BufferedReader(
                new java.io.InputStreamReader(in, StandardCharsets.UTF_8))) {
            lines = reader.lines().toList();
        }
        if (!Integer.toString(lines.size()).equals(attributes.get("record_count"))) {
            throw new IllegalStateException("record_count " + attributes.get("record_count") + ", payload "
                    + lines.size());
        }
        return lines;
    }

    /**
     * The template's bucket policy applied to each request as marshalled (devstack's S3 evaluates none): a request
     * a Deny statement matches fails as S3 fails it, 403 AccessDenied, before it is sent.
     */
    private record DeployedBucketPolicy(PayloadBucketPolicy policy, String principalArn) implements ExecutionInterceptor {
        @Override
        public void afterMarshalling(Context.AfterMarshalling context, ExecutionAttributes attributes) {
            String key = context.request().getValueForField("Key", String.class).orElse("");
            PayloadBucketPolicy.Request request = new PayloadBucketPolicy.Request(
                    attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), key,
                    context.httpRequest().firstMatchingHeader("If-None-Match").isPresent(),
                    context.httpRequest().firstMatchingRawQueryParameter("versionId").isPresent());
            policy.denyingStatement(request, principalArn).ifPresent(sid -> {
                throw S3Exception.builder().statusCode(403).awsErrorDetails(AwsErrorDetails.builder()
                        .errorCode("AccessDenied").serviceName("S3")
                        .errorMessage("explicit deny in the bucket policy (" + sid + ")").build()).build();
            });
        }
    }
}
