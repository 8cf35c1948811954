package io.paydr.devstack.sns;

import io.paydr.devstack.DevRegion;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.ListTopicsResponse;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sns.model.Topic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Topic and subscription management beyond the contract: attributes, paging, Region scoping, refusals. */
class SnsTopicsAndSubscriptionsTest {

    private final SnsTestStack stack = SnsTestStack.shared();
    private final SnsClient east = stack.sns(DevRegion.PRIMARY);
    private final SnsClient west = stack.sns(DevRegion.SECONDARY);

    private static String name() {
        return "topic-" + UUID.randomUUID();
    }

    @Test
    void topicArnsCarryTheAccountOfElasticMqQueueArns() {
        String name = name();
        assertEquals("arn:aws:sns:us-east-1:000000000000:" + name, east.createTopic(b -> b.name(name)).topicArn());
        assertEquals("arn:aws:sns:us-west-2:000000000000:" + name, west.createTopic(b -> b.name(name)).topicArn());
    }

    @Test
    void createTopicRefusesOtherAttributesForAnExistingTopicAndBadNames() {
        String name = name();
        east.createTopic(b -> b.name(name).attributes(Map.of("DisplayName", "one")));
        InvalidParameterException differing = assertThrows(InvalidParameterException.class,
                () -> east.createTopic(b -> b.name(name).attributes(Map.of("DisplayName", "two"))));
        assertEquals("InvalidParameter", differing.awsErrorDetails().errorCode());
        assertThrows(InvalidParameterException.class, () -> east.createTopic(b -> b.name("bad name!")));
        assertThrows(InvalidParameterException.class,
                () -> east.createTopic(b -> b.name(name()).attributes(Map.of("FifoTopic", "true"))));
    }

    @Test
    void topicAttributesAreStoredAndReported() {
        String arn = east.createTopic(b -> b.name(name()).attributes(Map.of("DisplayName", "Payments"))).topicArn();
        east.setTopicAttributes(b -> b.topicArn(arn).attributeName("SignatureVersion").attributeValue("2"));
        Map<String, String> attributes = east.getTopicAttributes(b -> b.topicArn(arn)).attributes();
        assertEquals(arn, attributes.get("TopicArn"));
        assertEquals("Payments", attributes.get("DisplayName"));
        assertEquals("2", attributes.get("SignatureVersion"));
        assertEquals("000000000000", attributes.get("Owner"));
    }

    @Test
    void topicsAreListedPerRegionAndPagedByHundred() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            created.add(west.createTopic(b -> b.name(name())).topicArn());
        }
        ListTopicsResponse first = west.listTopics();
        assertEquals(100, first.topics().size());
        assertNotNull(first.nextToken());
        List<String> listed = west.listTopicsPaginator().topics().stream().map(Topic::topicArn).toList();
        assertTrue(listed.containsAll(created));
        assertTrue(listed.stream().allMatch(arn -> arn.startsWith("arn:aws:sns:us-west-2:")));
        assertFalse(east.listTopicsPaginator().topics().stream().anyMatch(t -> created.contains(t.topicArn())));
    }

    @Test
    void theCrossRegionRefusalNamesBothRegions() {
        String westArn = west.createTopic(b -> b.name(name())).topicArn();
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> east.publish(b -> b.topicArn(westArn).message("hello")));
        assertTrue(e.awsErrorDetails().errorMessage().contains("us-west-2"), e.getMessage());
        assertTrue(e.awsErrorDetails().errorMessage().contains("us-east-1"), e.getMessage());
    }

    @Test
    void subscribeWithRawDeliveryAttributeAndItsErrors() {
        String topicArn = east.createTopic(b -> b.name(name())).topicArn();
        TestQueue queue = TestQueue.create(stack.sqs(DevRegion.PRIMARY));
        String arn = east.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queue.arn())
                .attributes(Map.of("RawMessageDelivery", "true"))).subscriptionArn();
        assertEquals("true", east.getSubscriptionAttributes(b -> b.subscriptionArn(arn)).attributes().get("RawMessageDelivery"));

        assertThrows(InvalidParameterException.class, () -> east.subscribe(b -> b.topicArn(topicArn).protocol("sqs")
                .endpoint(queue.arn()).attributes(Map.of("RawMessageDelivery", "false"))), "exists with other attributes");
        assertThrows(InvalidParameterException.class, () -> east.setSubscriptionAttributes(b -> b.subscriptionArn(arn)
                .attributeName("RawMessageDelivery").attributeValue("yes")));
        InvalidParameterException filter = assertThrows(InvalidParameterException.class, () -> east.setSubscriptionAttributes(
                b -> b.subscriptionArn(arn).attributeName("FilterPolicy").attributeValue("{}")));
        assertTrue(filter.getMessage().contains("not emulated"), filter.getMessage());
        assertThrows(InvalidParameterException.class,
                () -> east.subscribe(b -> b.topicArn(topicArn).protocol("https").endpoint("https://example.com")));
        assertThrows(InvalidParameterException.class,
                () -> east.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint("not-an-arn")));
        assertThrows(NotFoundException.class, () -> east.subscribe(b -> b.topicArn(topicArn + "-missing")
                .protocol("sqs").endpoint(queue.arn())));
    }

    @Test
    void unknownActionAndMissingParametersAreSenderErrors() {
        SnsException e = assertThrows(SnsException.class, () -> east.listPlatformApplications());
        assertEquals("InvalidAction", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        InvalidParameterException missing = assertThrows(InvalidParameterException.class,
                () -> east.createTopic(b -> b.attributes(Map.of())));
        assertTrue(missing.getMessage().contains("Name"), missing.getMessage());
    }
}
