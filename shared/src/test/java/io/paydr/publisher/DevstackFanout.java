package io.paydr.publisher;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What the template creates for one test, on devstack: a payload bucket, a topic in the primary Region and one
 * queue per Region subscribed to it with raw message delivery (the secondary's subscription is cross-Region).
 */
public final class DevstackFanout implements AutoCloseable {

    private static final Pattern PAYLOAD_KEY =
            Pattern.compile(".+/dt=\\d{4}-\\d{2}-\\d{2}/hh=\\d{2}/[A-Za-z0-9_-]+\\.jsonl(\\.gz)?");

    public final Devstack devstack;
    public final S3Client s3;
    public final SnsClient sns;
    public final Map<DevRegion, SqsClient> sqs = new EnumMap<>(DevRegion.class);
    public final Map<DevRegion, String> queueUrls = new EnumMap<>(DevRegion.class);
    public final String bucket;
    public final String topicArn;

    /** On the JVM-wide devstack. */
    public DevstackFanout(String name) {
        this(Devstack.shared(), name);
    }

    public DevstackFanout(Devstack devstack, String name) {
        this.devstack = devstack;
        this.s3 = devstack.s3(DevRegion.PRIMARY);
        this.sns = devstack.sns(DevRegion.PRIMARY);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        bucket = name + "-" + suffix;
        s3.createBucket(b -> b.bucket(bucket));
        topicArn = sns.createTopic(b -> b.name(name + "-" + suffix)).topicArn();
        for (DevRegion region : DevRegion.values()) {
            SqsClient client = devstack.sqs(region);
            String url = client.createQueue(b -> b.queueName(name + "-" + suffix + "-" + region.id())).queueUrl();
            String arn = client.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(arn)
                    .attributes(Map.of("RawMessageDelivery", "true")));
            sqs.put(region, client);
            queueUrls.put(region, url);
        }
    }


    /** Receives until {@code expected} messages arrived or the deadline passed; deletes what it received. */
    public List<Message> receive(DevRegion region, int expected, long timeoutMillis) {
        List<Message> out = new ArrayList<>();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (out.size() < expected && System.currentTimeMillis() < deadline) {
            List<Message> batch = sqs.get(region).receiveMessage(b -> b.queueUrl(queueUrls.get(region))
                    .maxNumberOfMessages(10).waitTimeSeconds(1).messageAttributeNames("All")).messages();
            for (Message m : batch) {
                sqs.get(region).deleteMessage(b -> b.queueUrl(queueUrls.get(region)).receiptHandle(m.receiptHandle()));
            }
            out.addAll(batch);
        }
        return out;
    }

    /** Every object key in the bucket. */
    public List<String> keys() {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
    }

    /** The keys of payload objects ({@code <prefix>/dt=YYYY-MM-DD/hh=HH/<batchId>.jsonl[.gz]}), nothing else. */
    public List<String> payloadKeys() {
        return keys().stream().filter(k -> PAYLOAD_KEY.matcher(k).matches()).toList();
    }

    @Override
    public void close() {
        s3.close();
        sns.close();
        sqs.values().forEach(SqsClient::close);
    }
}
