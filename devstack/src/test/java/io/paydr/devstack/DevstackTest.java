package io.paydr.devstack;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The facade wires every server: its endpoints, environment and client factories reach working services. */
class DevstackTest {

    private final Devstack ds = Devstack.shared();

    @Test
    void sharedIsOneInstancePerJvm() {
        assertSame(ds, Devstack.shared());
    }

    @Test
    void environmentPointsTheStandardSdkVariablesAtThatRegion() {
        Map<String, String> env = ds.environment(DevRegion.SECONDARY);
        assertEquals("us-west-2", env.get("AWS_REGION"));
        assertEquals(ds.s3Endpoint().toString(), env.get("AWS_ENDPOINT_URL_S3"));
        assertEquals(ds.snsEndpoint().toString(), env.get("AWS_ENDPOINT_URL_SNS"));
        assertEquals(ds.sqsEndpoint(DevRegion.SECONDARY).toString(), env.get("AWS_ENDPOINT_URL_SQS"));
        assertEquals(ds.redshiftDataEndpoint(DevRegion.SECONDARY).toString(), env.get("AWS_ENDPOINT_URL_REDSHIFT_DATA"));
        assertEquals("true", env.get("PAYDR_S3_PATH_STYLE"));
        assertEquals("devstack", env.get("AWS_ACCESS_KEY_ID"));
        assertNotEquals(ds.sqsEndpoint(DevRegion.PRIMARY), ds.sqsEndpoint(DevRegion.SECONDARY));
        assertNotEquals(ds.redshiftDataEndpoint(DevRegion.PRIMARY), ds.redshiftDataEndpoint(DevRegion.SECONDARY));
    }

    @Test
    void snsFansOutIntoAQueueOfTheOtherRegion() {
        try (SnsClient sns = ds.sns(DevRegion.PRIMARY); SqsClient west = ds.sqs(DevRegion.SECONDARY)) {
            String queueUrl = west.createQueue(b -> b.queueName("wiring-" + UUID.randomUUID())).queueUrl();
            String queueArn = west.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                    .attributes().get(QueueAttributeName.QUEUE_ARN);
            String topicArn = sns.createTopic(b -> b.name("wiring")).topicArn();
            assertTrue(topicArn.startsWith("arn:aws:sns:us-east-1:"), topicArn);
            sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                    .attributes(Map.of("RawMessageDelivery", "true")));

            sns.publish(b -> b.topicArn(topicArn).message("hello west"));

            List<Message> got = west.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(5)).messages();
            assertEquals(List.of("hello west"), got.stream().map(Message::body).toList());
        }
    }

    @Test
    void eachRegionsDataApiRunsOnThatRegionsDatabase() throws Exception {
        for (DevRegion region : DevRegion.values()) {
            try (RedshiftDataClient data = ds.redshiftData(region)) {
                String id = data.executeStatement(b -> b.workgroupName("paydr-" + region.id()).database("payments")
                        .sql("SELECT current_database()")).id();
                DescribeStatementResponse done = awaitFinal(data, id);
                assertEquals(StatusString.FINISHED, done.status(), done.error());
                String db = data.getStatementResult(b -> b.id(id)).records().get(0).get(0).stringValue();
                assertEquals("payments_" + region.id().replace('-', '_'), db);
            }
            try (Connection c = DriverManager.getConnection(ds.jdbcUrl(region))) {
                assertTrue(c.isValid(2));
            }
        }
    }

    private static DescribeStatementResponse awaitFinal(RedshiftDataClient data, String id) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            DescribeStatementResponse d = data.describeStatement(b -> b.id(id));
            if (d.status() == StatusString.FINISHED || d.status() == StatusString.FAILED || d.status() == StatusString.ABORTED) {
                return d;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("statement " + id + " did not finish within 5 s");
    }
}
