package io.paydr.reliability.chaos;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.ingest.config.IngestConfig;
import io.paydr.ingest.handler.SqsIngestHandler;
import io.paydr.local.eventsource.EventSourceSettings;
import io.paydr.local.eventsource.SqsEventSourcePoller;
import io.paydr.local.pipeline.StackParameters;
import io.paydr.local.stack.RegionClients;
import io.paydr.local.stack.RegionStack;
import io.paydr.local.stack.ReplicationEmulator;
import io.paydr.local.stack.StackProvisioner;
import io.paydr.local.stack.StackSettings;
import io.paydr.local.stack.Stacks;
import io.paydr.publisher.PaymentPublisher;
import io.paydr.reliability.support.Warehouse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The two-Region system on devstack as the local module runs it: stacks provisioned as template.yaml does (bucket,
 * topic, queue + DLQ with redrive policy, each queue subscribed to both topics), emulated replication from the
 * primary bucket to the secondary, the real ingest function in each Region behind the SQS event-source emulation
 * (wrapped by {@link ChaoticFunction}), a publisher per Region, and a warehouse schema of the same name in both.
 */
final class ChaosStack implements AutoCloseable {
    /**
     * Short timeouts so that failed messages come back within seconds (visibility = 6 x function timeout, Lambda's
     * rule), yet long enough for a load on a busy 2-core machine. A poison message reaches the DLQ after
     * MAX_RECEIVE_COUNT x VISIBILITY_TIMEOUT (about 100 s); a good message would have to fail four times in a row,
     * 24 s apart, while the error phases last well under a minute in all, each message is crashed at most once, and
     * the outage stops receives instead of failing them.
     */
    static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(4);
    static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(24);
    static final int MAX_RECEIVE_COUNT = 4;

    final Devstack devstack = Devstack.shared();
    final String name = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
    final Stacks stacks;
    final Map<DevRegion, Region> regions = new EnumMap<>(DevRegion.class);
    final String foreignBucket = name + "-foreign";
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final ReplicationEmulator replication;

    /** One Region's parts. */
    record Region(DevRegion region, RegionStack stack, Warehouse warehouse, ChaoticFunction function,
                  SqsEventSourcePoller poller, PaymentPublisher publisher, SqsClient sqs, S3Client s3, SnsClient sns) {
    }

    ChaosStack(long seed, double crashShare) {
        StackSettings settings = StackSettings.builder().namePrefix(name).maxReceiveCount(MAX_RECEIVE_COUNT)
                .functionTimeout(FUNCTION_TIMEOUT).visibilityTimeout(VISIBILITY_TIMEOUT)
                .replicationDelay(Duration.ofMillis(300)).build();
        stacks = new StackProvisioner(settings).provision(clients(DevRegion.PRIMARY), clients(DevRegion.SECONDARY));
        S3Client primaryS3 = devstack.s3(DevRegion.PRIMARY);
        resources.add(primaryS3);
        primaryS3.createBucket(b -> b.bucket(foreignBucket));
        replication = new ReplicationEmulator(primaryS3, stacks.primary().bucket(), stacks.secondary().bucket(),
                StackSettings.PAYLOAD_PREFIX, settings.replicationDelay()).start();
        String schema = name.replace('-', '_');
        for (DevRegion r : DevRegion.values()) {
            regions.put(r, region(r, schema, seed + r.ordinal(), crashShare));
        }
    }

    private RegionClients clients(DevRegion r) {
        S3Client s3 = devstack.s3(r);
        SqsClient sqs = devstack.sqs(r);
        SnsClient sns = devstack.sns(r);
        resources.add(s3);
        resources.add(sqs);
        resources.add(sns);
        return new RegionClients(r.id(), s3, sqs, sns);
    }

    private Region region(DevRegion r, String schema, long seed, double crashShare) {
        RegionStack stack = r == DevRegion.PRIMARY ? stacks.primary() : stacks.secondary();
        Warehouse warehouse = Warehouse.createNamed(devstack, r, schema);
        Map<String, String> env = warehouse.tableEnvironment(
                StackParameters.functionEnvironment(devstack.environment(r), stacks, stack));
        ChaoticFunction function = new ChaoticFunction(new SqsIngestHandler(IngestConfig.fromEnvironment(env)), seed,
                crashShare);
        SqsClient sqs = devstack.sqs(r);
        S3Client s3 = devstack.s3(r);
        SnsClient sns = devstack.sns(r);
        resources.add(sqs);
        resources.add(s3);
        resources.add(sns);
        SqsEventSourcePoller poller = SqsEventSourcePoller.builder().sqs(sqs).queueUrl(stack.queueUrl())
                .regionId(r.id()).handler(function)
                .settings(EventSourceSettings.builder().functionName("paydr-ingest-" + r.id()).batchSize(10)
                        .maximumConcurrency(2).waitTimeSeconds(1).functionTimeout(FUNCTION_TIMEOUT).build())
                .build();
        PaymentPublisher publisher = PaymentPublisher.builder().s3Client(s3).snsClient(sns).bucket(stack.bucket())
                .topicArn(stack.topicArn()).build();
        return new Region(r, stack, warehouse, function, poller, publisher, sqs, s3, sns);
    }

    /** What the emulated replication did, and how many primary payload objects the replica bucket lacks. */
    String replicationState() {
        S3Client s3 = primary().s3();
        Set<String> missing = new TreeSet<>();
        s3.listObjectsV2Paginator(r -> r.bucket(stacks.primary().bucket()).prefix(StackSettings.PAYLOAD_PREFIX))
                .contents().forEach(o -> missing.add(o.key()));
        s3.listObjectsV2Paginator(r -> r.bucket(stacks.secondary().bucket()).prefix(StackSettings.PAYLOAD_PREFIX))
                .contents().forEach(o -> missing.remove(o.key()));
        return "replicated " + replication.replicatedCount() + ", pending " + replication.pendingCount()
                + ", primary payload objects missing in the replica bucket " + missing.size();
    }

    void startConsuming() {
        regions.values().forEach(r -> r.poller().start());
    }

    Region primary() {
        return regions.get(DevRegion.PRIMARY);
    }

    Region secondary() {
        return regions.get(DevRegion.SECONDARY);
    }

    /** Visible + in-flight messages of a queue. */
    static long depth(SqsClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    @Override
    public void close() {
        devstack.faults().clear();
        regions.values().forEach(r -> {
            r.poller().close();
            r.publisher().close();
        });
        replication.close();
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // closing SDK clients does not fail in a way the test could act on
            }
        }
    }
}
