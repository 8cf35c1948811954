package io.paydr.ingest.template;

import io.paydr.sam.CfnTemplate;
import io.paydr.sam.CfnYaml;
import io.paydr.sam.RepoFiles;
import io.paydr.ingest.internal.IngestMetrics;
import io.paydr.sam.SamConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What one Region's stack must wire together (issue #5, docs/architecture.md sections 3, 5, 7), checked on the resources
 * each samconfig environment (and the drain / SSE-S3 / cluster variants) would deploy.
 */
class TemplateWiringTest {

    static final String SQS_HANDLER = "io.paydr.ingest.handler.SqsIngestHandler::handleRequest";
    static final String DRAIN_HANDLER = "io.paydr.ingest.handler.ScheduledDrainHandler::handleRequest";
    private static final CfnTemplate TEMPLATE = CfnTemplate.read(RepoFiles.path("template.yaml"));
    private static final int FOURTEEN_DAYS = 14 * 24 * 3600;

    static List<Deployments.Named> deployments() {
        return Deployments.all();
    }

    /** The one consumer function of a deploy: the SQS-triggered one in event mode, the drain in scheduled mode. */
    static Deployment.Resource consumer(Deployment deployment) {
        boolean drain = deployment.parameter("ConsumerMode").equals("scheduled");
        assertEquals(!drain, deployment.has("IngestFunction"), "IngestFunction exists only in event mode");
        assertEquals(drain, deployment.has("ScheduledDrainFunction"), "ScheduledDrainFunction exists only in scheduled mode");
        return deployment.resource(drain ? "ScheduledDrainFunction" : "IngestFunction");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void consumerRunsTheShadedJarOnJava21WithSnapStartAndJsonLogs(Deployments.Named named) {
        Deployment deployment = named.deploy(TEMPLATE);
        Map<String, Object> function = consumer(deployment).properties();
        boolean drain = deployment.has("ScheduledDrainFunction");
        assertEquals(drain ? DRAIN_HANDLER : SQS_HANDLER, function.get("Handler"));
        assertEquals("java21", function.get("Runtime"));
        assertEquals("functions/ingest/target/paydr-ingest.jar", function.get("CodeUri"));
        assertEquals(Map.of("ApplyOn", "PublishedVersions"), function.get("SnapStart"));
        assertFalse(String.valueOf(function.get("AutoPublishAlias")).isBlank(), "SnapStart needs a published version");
        Map<?, ?> logging = (Map<?, ?>) function.get("LoggingConfig");
        assertEquals("JSON", logging.get("LogFormat"));
        assertEquals("${IngestLogGroup}", PolicyStatement.text(logging.get("LogGroup")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void eventModeConsumesTheQueueWithPartialBatchFailuresAndAConcurrencyCap(Deployments.Named named) {
        Deployment deployment = named.deploy(TEMPLATE);
        Map<String, Object> function = consumer(deployment).properties();
        Map<String, Object> event = onlyEvent(function);
        if (deployment.has("ScheduledDrainFunction")) {
            assertEquals("Schedule", event.get("Type"));
            assertEquals(deployment.parameter("DrainSchedule"), properties(event).get("Schedule"));
            return;
        }
        Map<String, Object> sqs = properties(event);
        assertEquals("SQS", event.get("Type"));
        assertEquals("${IngestQueue.Arn}", PolicyStatement.text(sqs.get("Queue")));
        assertEquals(List.of("ReportBatchItemFailures"), sqs.get("FunctionResponseTypes"));
        assertEquals(deployment.parameter("BatchSize"), sqs.get("BatchSize"));
        assertEquals(deployment.parameter("MaximumBatchingWindowInSeconds"), sqs.get("MaximumBatchingWindowInSeconds"));
        int concurrency = Integer.parseInt(String.valueOf(((Map<?, ?>) sqs.get("ScalingConfig")).get("MaximumConcurrency")));
        assertTrue(concurrency >= 2 && concurrency <= 1000, "MaximumConcurrency " + concurrency + " outside 2..1000");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void queueVisibilityIsAtLeastSixTimesTheFunctionTimeout(Deployments.Named named) {
        Deployment deployment = named.deploy(TEMPLATE);
        int timeout = number(consumer(deployment).properties().get("Timeout"));
        int visibility = number(deployment.resource("IngestQueue").properties().get("VisibilityTimeout"));
        assertTrue(visibility >= 6 * timeout, "visibility " + visibility + " s < 6 x timeout " + timeout + " s");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void poisonMessagesMoveToADeadLetterQueueKeptFourteenDays(Deployments.Named named) {
        Deployment deployment = named.deploy(TEMPLATE);
        Map<String, Object> queue = deployment.resource("IngestQueue").properties();
        Map<?, ?> redrive = (Map<?, ?>) queue.get("RedrivePolicy");
        assertEquals("${IngestDeadLetterQueue.Arn}", PolicyStatement.text(redrive.get("deadLetterTargetArn")));
        assertEquals(deployment.parameter("MaxReceiveCount"), redrive.get("maxReceiveCount"));
        assertEquals(FOURTEEN_DAYS, number(deployment.resource("IngestDeadLetterQueue").properties().get("MessageRetentionPeriod")));
        assertEquals(FOURTEEN_DAYS, number(queue.get("MessageRetentionPeriod")), "a Region that was down catches up for 14 days");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void queueReceivesRawDeliveriesFromBothRegionsTopics(Deployments.Named named) {
        Deployment deployment = named.deploy(TEMPLATE);
        String peerTopic = deployment.parameter("PeerTopicArn");
        assertSubscription(deployment.resource("LocalTopicSubscription").properties(), "${PaymentTopic}");
        assertEquals(!peerTopic.isEmpty(), deployment.has("PeerTopicSubscription"));
        List<String> sources = peerTopic.isEmpty() ? List.of("${PaymentTopic}") : List.of("${PaymentTopic}", peerTopic);
        if (!peerTopic.isEmpty()) {
            Map<String, Object> peer = deployment.resource("PeerTopicSubscription").properties();
            assertSubscription(peer, peerTopic);
            assertEquals(deployment.parameter("PeerRegion"), peer.get("Region"), "created in the topic's Region");
        }
        PolicyStatement allow = Policies.resourcePolicies(deployment).stream()
                .filter(s -> s.owner().equals("IngestQueuePolicy") && s.allows()).findFirst().orElseThrow();
        assertEquals(Map.of("Service", "sns.amazonaws.com"), allow.principal());
        assertEquals(List.of("sqs:SendMessage"), allow.actions());
        assertEquals(sources, PolicyStatement.texts(((Map<?, ?>) allow.condition().get("ArnEquals")).get("aws:SourceArn")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void primaryReplicatesPayloadsToThePeerBucketAndNothingExpiresBeforeReplay(Deployments.Named named) {
        Deployment deployment = named.deploy(TEMPLATE);
        Map<String, Object> bucket = deployment.resource("PayloadBucket").properties();
        assertEquals(Map.of("Status", "Enabled"), bucket.get("VersioningConfiguration"));
        Map<?, ?> expiry = (Map<?, ?>) ((List<?>) ((Map<?, ?>) bucket.get("LifecycleConfiguration")).get("Rules")).get(0);
        assertEquals(deployment.parameter("PayloadRetentionDays"), expiry.get("ExpirationInDays"));
        assertTrue(Integer.parseInt(deployment.parameter("PayloadRetentionDays")) > 14, "payloads outlive the queue for replay");
        boolean primary = deployment.parameter("RegionRole").equals("primary");
        assertEquals(primary, bucket.containsKey("ReplicationConfiguration"));
        assertEquals(primary, deployment.has("ReplicationRole"));
        if (primary) {
            Map<?, ?> rule = (Map<?, ?>) ((List<?>) ((Map<?, ?>) bucket.get("ReplicationConfiguration")).get("Rules")).get(0);
            Map<?, ?> destination = (Map<?, ?>) rule.get("Destination");
            assertEquals("arn:${AWS::Partition}:s3:::" + deployment.parameter("PeerBucketName"), PolicyStatement.text(destination.get("Bucket")));
            assertEquals(Map.of("Status", "Disabled"), rule.get("DeleteMarkerReplication"), "a delete here never removes the peer's copy");
            boolean kms = !deployment.parameter("KmsKeyArn").isEmpty();
            assertEquals(kms, rule.containsKey("SourceSelectionCriteria"), "SSE-KMS objects replicate only when selected");
            if (kms) {
                assertEquals(Map.of("ReplicaKmsKeyID", deployment.parameter("PeerKmsKeyArn")), destination.get("EncryptionConfiguration"));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void alarmsWatchDeadLettersRpoAndFunctionErrors(Deployments.Named named) {
        Deployment deployment = named.deploy(TEMPLATE);
        assertAlarm(deployment, "DeadLetterQueueDepthAlarm", "ApproximateNumberOfMessagesVisible", "${IngestDeadLetterQueue.QueueName}", 0);
        assertAlarm(deployment, "RpoAlarm", "ApproximateAgeOfOldestMessage", "${IngestQueue.QueueName}",
                Integer.parseInt(deployment.parameter("RpoAlarmThresholdSeconds")));
        assertAlarm(deployment, "FunctionErrorsAlarm", "Errors", "${" + consumer(deployment).id() + "}", 0);

        Map<String, Object> lagAlarm = deployment.resource("IngestLagAlarm").properties();
        List<?> metrics = (List<?>) lagAlarm.get("Metrics");
        Map<?, ?> lag = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) metrics.get(0)).get("MetricStat")).get("Metric");
        assertEquals(IngestMetrics.NAMESPACE, lag.get("Namespace"), "the namespace the function emits to");
        assertEquals("IngestLag", lag.get("MetricName"));
        assertEquals(List.of(Map.of("Name", "RegionRole", "Value", deployment.parameter("RegionRole"))), lag.get("Dimensions"),
                "the dimension set the function emits");
        assertEquals("lag / 1000", ((Map<?, ?>) metrics.get(1)).get("Expression"), "IngestLag is in milliseconds, the budget in seconds");
        assertEquals(deployment.parameter("RpoAlarmThresholdSeconds"), lagAlarm.get("Threshold"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void outputsGiveThePeerAndTheAppWhatTheyNeed(Deployments.Named named) {
        Deployment deployment = named.deploy(TEMPLATE);
        Map<String, String> expected = Map.of(
                "TopicArn", "${PaymentTopic}",
                "PayloadBucketName", "${PayloadBucket}",
                "KmsKeyArn", deployment.parameter("KmsKeyArn"),
                "IngestQueueUrl", "${IngestQueue}",
                "DeadLetterQueueUrl", "${IngestDeadLetterQueue}",
                "IngestFunctionName", "${" + consumer(deployment).id() + "}",
                "IngestFunctionAlias", "${" + consumer(deployment).id() + "Aliaslive}");
        expected.forEach((output, value) -> {
            Map<?, ?> definition = (Map<?, ?>) TEMPLATE.outputs().get(output);
            assertEquals(value, PolicyStatement.text(deployment.resolve(definition.get("Value"))), "Output " + output);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deployments")
    void parameterValuesSatisfyTheTemplateRules(Deployments.Named named) {
        assertEquals(List.of(), named.deploy(TEMPLATE).ruleViolations());
    }

    @org.junit.jupiter.api.Test
    void rulesRefuseAmbiguousWarehouseTargetsAndKmsPrimariesWithoutAReplicaKey() {
        Map<String, String> primary = SamConfig.repository().table("primary", "deploy").parameterOverrides();
        assertEquals(List.of("ExactlyOneRedshiftTarget: Give RedshiftWorkgroupName with RedshiftWorkgroupId, or RedshiftClusterIdentifier, not both."),
                Deployment.of(TEMPLATE, Deployments.with(primary, Map.of("RedshiftClusterIdentifier", "paydr-cluster"))).ruleViolations());
        assertEquals(List.of("KmsReplicasNeedPeerKey: A primary with SSE-KMS replicates only with PeerKmsKeyArn (the replica key in the peer Region)."),
                Deployment.of(TEMPLATE, Deployments.with(primary, Map.of("PeerKmsKeyArn", ""))).ruleViolations());
    }

    private static void assertSubscription(Map<String, Object> subscription, String topic) {
        assertEquals(topic, PolicyStatement.text(subscription.get("TopicArn")));
        assertEquals("sqs", subscription.get("Protocol"));
        assertEquals("${IngestQueue.Arn}", PolicyStatement.text(subscription.get("Endpoint")));
        assertEquals(Boolean.TRUE, subscription.get("RawMessageDelivery"));
    }

    private static void assertAlarm(Deployment deployment, String id, String metric, String dimension, int threshold) {
        Map<String, Object> alarm = deployment.resource(id).properties();
        assertEquals(metric, alarm.get("MetricName"), id);
        assertEquals(dimension, PolicyStatement.text(((Map<?, ?>) ((List<?>) alarm.get("Dimensions")).get(0)).get("Value")), id);
        assertEquals(threshold, number(alarm.get("Threshold")), id);
        boolean notified = !deployment.parameter("AlarmTopicArn").isEmpty();
        assertEquals(notified ? List.of(deployment.parameter("AlarmTopicArn")) : null, alarm.get("AlarmActions"), id);
    }

    private static Map<String, Object> onlyEvent(Map<String, Object> function) {
        Map<String, Object> events = CfnYaml.asMap(function.get("Events"), "Events");
        assertEquals(1, events.size(), "one trigger per function: " + events.keySet());
        return CfnYaml.asMap(events.values().iterator().next(), "event");
    }

    private static Map<String, Object> properties(Map<String, Object> event) {
        return CfnYaml.asMap(event.get("Properties"), "event Properties");
    }

    static int number(Object value) {
        return Integer.parseInt(String.valueOf(value));
    }
}
