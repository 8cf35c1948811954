package io.paydr.ops.devstack;

import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Test helpers around real SQS calls. */
final class QueueReader {

    private QueueReader() {
    }

    static String createQueue(SqsClient sqs, String name) {
        return sqs.createQueue(b -> b.queueName(name + "-" + UUID.randomUUID().toString().substring(0, 8))).queueUrl();
    }

    /** Receives (and deletes) everything on the queue until a 1 s long poll comes back empty. */
    static List<Message> drain(SqsClient sqs, String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                    .messageAttributeNames("All")).messages();
            if (got.isEmpty()) {
                return all;
            }
            all.addAll(got);
            for (Message m : got) {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }

    /** Visible plus in-flight messages, as SQS reports them. */
    static int depth(SqsClient sqs, String queueUrl) {
        var a = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }
}
