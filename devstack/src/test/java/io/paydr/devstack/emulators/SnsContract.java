package io.paydr.devstack.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paydr.devstack.DevRegion;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SNS-to-SQS fan-out as the pipeline uses it (a topic in one Region, queues in both), run against every emulator
 * that implements this.
 */
interface SnsContract {

    Emulator emulator();

    @Test
    default void rawDeliveryIntoBothRegionsKeepsTheMessageAttributes() throws Exception {
        try (SnsClient sns = emulator().sns(DevRegion.PRIMARY); SqsClient east = emulator().sqs(DevRegion.PRIMARY);
             SqsClient west = emulator().sqs(DevRegion.SECONDARY)) {
            String topicArn = sns.createTopic(b -> b.name("payments-" + UUID.randomUUID().toString().substring(0, 8))).topicArn();
            assertTrue(topicArn.startsWith("arn:aws:sns:us-east-1:"), topicArn);
            String eastQueue = subscribedQueue(sns, east, topicArn, true);
            String westQueue = subscribedQueue(sns, west, topicArn, true);

            sns.publish(b -> b.topicArn(topicArn).message("{\"batch\":\"b1\"}").messageAttributes(Map.of(
                    "dataset", MessageAttributeValue.builder().dataType("String").stringValue("payments").build(),
                    "rows", MessageAttributeValue.builder().dataType("Number").stringValue("42").build())));

            for (var delivery : List.of(Map.entry(east, eastQueue), Map.entry(west, westQueue))) {
                Message m = receiveOne(delivery.getKey(), delivery.getValue());
                assertEquals("{\"batch\":\"b1\"}", m.body());
                assertEquals("payments", m.messageAttributes().get("dataset").stringValue());
                assertEquals("String", m.messageAttributes().get("dataset").dataType());
                assertEquals("42", m.messageAttributes().get("rows").stringValue());
                assertEquals("Number", m.messageAttributes().get("rows").dataType());
            }
        }
    }

    @Test
    default void deliveryWithoutRawWritesTheSnsJsonEnvelope() throws Exception {
        try (SnsClient sns = emulator().sns(DevRegion.PRIMARY); SqsClient west = emulator().sqs(DevRegion.SECONDARY)) {
            String topicArn = sns.createTopic(b -> b.name("envelope-" + UUID.randomUUID().toString().substring(0, 8))).topicArn();
            String queue = subscribedQueue(sns, west, topicArn, false);

            String messageId = sns.publish(b -> b.topicArn(topicArn).subject("batch").message("hello")
                    .messageAttributes(Map.of("dataset",
                            MessageAttributeValue.builder().dataType("String").stringValue("payments").build()))).messageId();

            JsonNode envelope = new ObjectMapper().readTree(receiveOne(west, queue).body());
            assertEquals("Notification", envelope.path("Type").asText());
            assertEquals(messageId, envelope.path("MessageId").asText());
            assertEquals(topicArn, envelope.path("TopicArn").asText());
            assertEquals("batch", envelope.path("Subject").asText());
            assertEquals("hello", envelope.path("Message").asText());
            assertEquals("String", envelope.path("MessageAttributes").path("dataset").path("Type").asText());
            assertEquals("payments", envelope.path("MessageAttributes").path("dataset").path("Value").asText());
            for (String field : List.of("Timestamp", "SignatureVersion", "Signature", "SigningCertURL", "UnsubscribeURL")) {
                assertTrue(envelope.hasNonNull(field), field + " missing from " + envelope);
            }
        }
    }

    private static String subscribedQueue(SnsClient sns, SqsClient sqs, String topicArn, boolean raw) {
        String url = sqs.createQueue(b -> b.queueName("fanout-" + UUID.randomUUID().toString().substring(0, 8))).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(arn)
                .attributes(Map.of("RawMessageDelivery", String.valueOf(raw))));
        return url;
    }

    private static Message receiveOne(SqsClient sqs, String queueUrl) {
        List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(5).messageAttributeNames("All"))
                .messages();
        assertEquals(1, got.size(), "one delivery in " + queueUrl);
        return got.get(0);
    }
}
