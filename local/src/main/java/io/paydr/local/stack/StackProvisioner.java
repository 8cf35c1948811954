package io.paydr.local.stack;

import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.sns.model.SubscribeRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.util.Map;

/**
 * Creates, in two Regions, what template.yaml creates in each (one stack per Region): the payload bucket,
 * the payments topic, the ingest queue with its DLQ and redrive policy, and the subscriptions of each
 * Region's queue to BOTH Regions' topics with raw message delivery. Replication and the warehouse schema
 * are set up by the caller (devstack's S3 has no CRR; the schema belongs to the ingest module).
 * Idempotent: re-running against existing resources reuses them, as CreateQueue/CreateTopic do.
 */
public final class StackProvisioner {

    private final StackSettings settings;

    public StackProvisioner(StackSettings settings) {
        this.settings = settings;
    }

    /** Provisions both Regions and subscribes each Region's queue to both topics. */
    public Stacks provision(RegionClients primary, RegionClients secondary) {
        RegionStack p = provisionRegion(primary, true);
        RegionStack s = provisionRegion(secondary, false);
        subscribe(primary, p.topicArn(), p.queueArn());
        subscribe(primary, p.topicArn(), s.queueArn());
        subscribe(secondary, s.topicArn(), s.queueArn());
        subscribe(secondary, s.topicArn(), p.queueArn());
        return new Stacks(p, s);
    }

    private RegionStack provisionRegion(RegionClients c, boolean primary) {
        String bucket = settings.bucketName(c.regionId());
        createBucket(c, bucket);
        String topicArn = c.sns().createTopic(r -> r.name(settings.topicName())).topicArn();
        String dlqUrl = c.sqs().createQueue(r -> r.queueName(settings.deadLetterQueueName())
                .attributes(Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600"))).queueUrl();
        String dlqArn = arnOf(c, dlqUrl);
        String redrivePolicy = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\""
                + settings.maxReceiveCount() + "\"}";
        String queueUrl = c.sqs().createQueue(r -> r.queueName(settings.queueName()).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(settings.visibilityTimeout().toSeconds()),
                QueueAttributeName.MESSAGE_RETENTION_PERIOD, "1209600",
                QueueAttributeName.REDRIVE_POLICY, redrivePolicy))).queueUrl();
        return new RegionStack(c.regionId(), primary, bucket, topicArn, queueUrl, arnOf(c, queueUrl), dlqUrl);
    }

    private static void createBucket(RegionClients c, String bucket) {
        try {
            c.s3().createBucket(r -> {
                r.bucket(bucket);
                if (!"us-east-1".equals(c.regionId())) {
                    r.createBucketConfiguration(b -> b.locationConstraint(BucketLocationConstraint.fromValue(c.regionId())));
                }
            });
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // idempotent re-run
        }
    }

    private static String arnOf(RegionClients c, String queueUrl) {
        return c.sqs().getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    /** Subscribes through the topic's own Region, as the template's PeerTopicSubscription does. */
    private static void subscribe(RegionClients topicRegion, String topicArn, String queueArn) {
        topicRegion.sns().subscribe(SubscribeRequest.builder().topicArn(topicArn).protocol("sqs")
                .endpoint(queueArn).attributes(Map.of("RawMessageDelivery", "true")).returnSubscriptionArn(true)
                .build());
    }
}
