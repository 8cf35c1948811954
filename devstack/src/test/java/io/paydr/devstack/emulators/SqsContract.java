package io.paydr.devstack.emulators;

import io.paydr.devstack.DevRegion;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SQS behaviour the pipeline relies on, as plain SDK calls, run against every emulator that implements this. */
interface SqsContract {

    Emulator emulator();

    @Test
    default void redriveMovesAMessageToTheDeadLetterQueueAfterMaxReceiveCount() {
        try (SqsClient sqs = emulator().sqs(DevRegion.SECONDARY)) {
            String suffix = UUID.randomUUID().toString().substring(0, 8);
            String dlqUrl = sqs.createQueue(b -> b.queueName("payments-dlq-" + suffix)).queueUrl();
            String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            assertTrue(dlqArn.startsWith("arn:aws:sqs:us-west-2:"), "queue ARN carries the Region: " + dlqArn);
            String queueUrl = sqs.createQueue(b -> b.queueName("payments-" + suffix).attributes(Map.of(
                    QueueAttributeName.REDRIVE_POLICY, "{\"maxReceiveCount\":\"2\",\"deadLetterTargetArn\":\"" + dlqArn + "\"}")))
                    .queueUrl();

            Map<String, MessageAttributeValue> attributes = Map.of(
                    "dataset", MessageAttributeValue.builder().dataType("String").stringValue("payments").build(),
                    "rows", MessageAttributeValue.builder().dataType("Number").stringValue("42").build(),
                    "digest", MessageAttributeValue.builder().dataType("Binary")
                            .binaryValue(SdkBytes.fromUtf8String("abc")).build());
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"batch\":\"b1\"}").messageAttributes(attributes));

            int deliveries = 0;
            for (int attempt = 0; attempt < 5; attempt++) {
                List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queueUrl).visibilityTimeout(0)
                        .waitTimeSeconds(1).messageAttributeNames("All")).messages();
                if (!got.isEmpty()) {
                    deliveries++;
                    assertEquals(attributes, got.get(0).messageAttributes());
                }
            }
            assertEquals(2, deliveries, "delivered maxReceiveCount times before moving to the DLQ");

            List<Message> dead = sqs.receiveMessage(b -> b.queueUrl(dlqUrl).waitTimeSeconds(2)
                    .messageAttributeNames("All")).messages();
            assertEquals(1, dead.size());
            assertEquals("{\"batch\":\"b1\"}", dead.get(0).body());
            assertEquals(attributes, dead.get(0).messageAttributes());
        }
    }
}
