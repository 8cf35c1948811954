package io.paydr.devstack.sns;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A fresh queue, with the reads the SNS tests need. */
record TestQueue(SqsClient sqs, String url, String arn) {

    static TestQueue create(SqsClient sqs) {
        String url = sqs.createQueue(b -> b.queueName("sns-test-" + UUID.randomUUID())).queueUrl();
        return new TestQueue(sqs, url, arnOf(sqs, url));
    }

    static String arnOf(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** Everything in the queue now (delivery is synchronous with Publish, so nothing is still on its way). */
    List<Message> drain() {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)
                    .messageAttributeNames("All").messageSystemAttributeNamesWithStrings("All")).messages();
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
            batch.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
        }
    }

    Message single() {
        List<Message> messages = drain();
        if (messages.size() != 1) {
            throw new AssertionError("expected exactly one message in " + arn + ", found " + messages.size());
        }
        return messages.get(0);
    }
}
