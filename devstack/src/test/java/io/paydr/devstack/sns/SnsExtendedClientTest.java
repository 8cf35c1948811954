package io.paydr.devstack.sns;

import com.amazon.sqs.javamessaging.AmazonSQSExtendedClient;
import com.amazon.sqs.javamessaging.ExtendedClientConfiguration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paydr.devstack.DevRegion;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.sns.AmazonSNSExtendedClient;
import software.amazon.sns.SNSExtendedClientConfiguration;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A 2 MiB payload through the SNS extended client (payload in devstack S3, pointer through SNS with raw
 * delivery) and back through the SQS extended client, byte for byte, across both Regions.
 */
class SnsExtendedClientTest {

    private static final int PAYLOAD_BYTES = 2 * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SnsTestStack stack = SnsTestStack.shared();

    @Test
    void twoMebibytePayloadTravelsThroughS3AndArrivesByteForByte() throws Exception {
        S3Client s3 = stack.s3(DevRegion.PRIMARY);
        String bucket = "sns-extended-" + UUID.randomUUID();
        s3.createBucket(b -> b.bucket(bucket));
        SnsClient sns = stack.sns(DevRegion.PRIMARY);
        String topicArn = sns.createTopic(b -> b.name("extended-" + UUID.randomUUID())).topicArn();
        TestQueue viaExtendedClient = rawSubscription(sns, topicArn, DevRegion.PRIMARY);
        TestQueue asSent = rawSubscription(sns, topicArn, DevRegion.SECONDARY);
        byte[] payload = payload();

        AmazonSNSExtendedClient publisher = new AmazonSNSExtendedClient(sns,
                new SNSExtendedClientConfiguration().withPayloadSupportEnabled(s3, bucket));
        publisher.publish(b -> b.topicArn(topicArn).message(new String(payload, StandardCharsets.UTF_8))
                .messageAttributes(Map.of("dataset",
                        MessageAttributeValue.builder().dataType("String").stringValue("payments").build())));

        Message pointer = asSent.single();
        JsonNode body = JSON.readTree(pointer.body());
        assertEquals("software.amazon.payloadoffloading.PayloadS3Pointer", body.get(0).asText());
        assertEquals(bucket, body.get(1).get("s3BucketName").asText());
        assertEquals("Number", pointer.messageAttributes().get("ExtendedPayloadSize").dataType());
        assertEquals(Integer.toString(PAYLOAD_BYTES), pointer.messageAttributes().get("ExtendedPayloadSize").stringValue());
        assertEquals("payments", pointer.messageAttributes().get("dataset").stringValue());
        assertEquals(PAYLOAD_BYTES, s3.headObject(b -> b.bucket(bucket).key(body.get(1).get("s3Key").asText()))
                .contentLength());

        SqsClient consumer = new AmazonSQSExtendedClient(stack.sqs(DevRegion.PRIMARY),
                new ExtendedClientConfiguration().withPayloadSupportEnabled(s3, bucket, false));
        List<Message> received = consumer.receiveMessage(b -> b.queueUrl(viaExtendedClient.url())
                .messageAttributeNames("All").waitTimeSeconds(1)).messages();
        assertEquals(1, received.size());
        assertArrayEquals(payload, received.get(0).body().getBytes(StandardCharsets.UTF_8));
        assertEquals("payments", received.get(0).messageAttributes().get("dataset").stringValue());
    }

    private TestQueue rawSubscription(SnsClient sns, String topicArn, DevRegion region) {
        TestQueue queue = TestQueue.create(stack.sqs(region));
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queue.arn())
                .attributes(Map.of("RawMessageDelivery", "true")));
        return queue;
    }

    /** JSON Lines of payment-like records, cut to exactly 2 MiB of ASCII. */
    private static byte[] payload() {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder(PAYLOAD_BYTES + 200);
        while (text.length() < PAYLOAD_BYTES) {
            text.append("{\"transaction_id\":\"t-").append(Long.toHexString(random.nextLong()))
                    .append("\",\"amount_minor\":").append(random.nextInt(1_000_000)).append("}\n");
        }
        return text.substring(0, PAYLOAD_BYTES).getBytes(StandardCharsets.US_ASCII);
    }
}
