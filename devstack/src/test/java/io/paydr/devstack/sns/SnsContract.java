package io.paydr.devstack.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paydr.devstack.DevRegion;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SNS behaviour the pipeline relies on, as plain SDK calls, written against AWS's documented behaviour.
 * Subclasses supply the emulator, so the same bodies run against devstack and against independent emulators
 * (a subclass records a difference by overriding a test with {@code @Disabled("difference found: …")}).
 */
public abstract class SnsContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    protected abstract SnsEmulator emulator();

    private SnsClient east() {
        return emulator().sns(DevRegion.PRIMARY);
    }

    private String topic() {
        return east().createTopic(b -> b.name("contract-" + UUID.randomUUID())).topicArn();
    }

    private TestQueue subscribed(String topicArn, DevRegion queueRegion, boolean raw) {
        TestQueue queue = TestQueue.create(emulator().sqs(queueRegion));
        east().subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queue.arn())
                .attributes(Map.of("RawMessageDelivery", Boolean.toString(raw))));
        return queue;
    }

    static Map<String, MessageAttributeValue> typedAttributes() {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("dataset", MessageAttributeValue.builder().dataType("String").stringValue("payments").build());
        attributes.put("record_count", MessageAttributeValue.builder().dataType("Number").stringValue("1250").build());
        attributes.put("amount", MessageAttributeValue.builder().dataType("Number.decimal").stringValue("12.50").build());
        attributes.put("digest", MessageAttributeValue.builder().dataType("Binary")
                .binaryValue(SdkBytes.fromByteArray(new byte[]{0, 1, 2, (byte) 0xFF})).build());
        return attributes;
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    @Test
    public void createTopicIsIdempotentAndTheArnCarriesItsRegion() {
        String name = "contract-" + UUID.randomUUID();
        String arn = east().createTopic(b -> b.name(name)).topicArn();
        assertTrue(arn.matches("arn:aws:sns:us-east-1:\\d{12}:" + name), arn);
        assertEquals(arn, east().createTopic(b -> b.name(name)).topicArn());
        assertTrue(emulator().sns(DevRegion.SECONDARY).createTopic(b -> b.name(name)).topicArn()
                .startsWith("arn:aws:sns:us-west-2:"));
    }

    @Test
    public void publishingToADeletedTopicIsNotFound() {
        String arn = topic();
        east().deleteTopic(b -> b.topicArn(arn));
        east().deleteTopic(b -> b.topicArn(arn));
        NotFoundException e = assertThrows(NotFoundException.class, () -> east().publish(b -> b.topicArn(arn).message("x")));
        assertEquals("NotFound", e.awsErrorDetails().errorCode());
        assertEquals(404, e.statusCode());
    }

    @Test
    public void aTopicArnOfAnotherRegionIsAnInvalidParameter() {
        String westArn = emulator().sns(DevRegion.SECONDARY).createTopic(b -> b.name("contract-" + UUID.randomUUID()))
                .topicArn();
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> east().publish(b -> b.topicArn(westArn).message("hello")));
        assertTrue(e.awsErrorDetails().errorMessage().startsWith("Invalid parameter: TopicArn"), e.getMessage());
    }

    @Test
    public void subscriptionLifecycleWithAQueueInTheOtherRegion() {
        String topicArn = topic();
        TestQueue queue = TestQueue.create(emulator().sqs(DevRegion.SECONDARY));
        String subscriptionArn = east().subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queue.arn()))
                .subscriptionArn();
        assertTrue(subscriptionArn.startsWith(topicArn + ":"), subscriptionArn);
        assertEquals(subscriptionArn, east().subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queue.arn()))
                .subscriptionArn(), "Subscribe is idempotent");

        List<Subscription> listed = east().listSubscriptionsByTopic(b -> b.topicArn(topicArn)).subscriptions();
        assertEquals(1, listed.size());
        assertEquals("sqs", listed.get(0).protocol());
        assertEquals(queue.arn(), listed.get(0).endpoint());
        assertEquals(subscriptionArn, listed.get(0).subscriptionArn());

        Map<String, String> attributes = east().getSubscriptionAttributes(b -> b.subscriptionArn(subscriptionArn)).attributes();
        assertEquals("false", attributes.get("RawMessageDelivery"));
        assertEquals("false", attributes.get("PendingConfirmation"));
        assertEquals(queue.arn(), attributes.get("Endpoint"));

        east().setSubscriptionAttributes(b -> b.subscriptionArn(subscriptionArn)
                .attributeName("RawMessageDelivery").attributeValue("true"));
        assertEquals("true", east().getSubscriptionAttributes(b -> b.subscriptionArn(subscriptionArn))
                .attributes().get("RawMessageDelivery"));

        east().unsubscribe(b -> b.subscriptionArn(subscriptionArn));
        assertThrows(NotFoundException.class,
                () -> east().getSubscriptionAttributes(b -> b.subscriptionArn(subscriptionArn)));
        assertTrue(east().listSubscriptionsByTopic(b -> b.topicArn(topicArn)).subscriptions().isEmpty());
    }

    @Test
    public void rawDeliveryReachesQueuesInBothRegionsWithTypedAttributes() {
        String topicArn = topic();
        TestQueue eastQueue = subscribed(topicArn, DevRegion.PRIMARY, true);
        TestQueue westQueue = subscribed(topicArn, DevRegion.SECONDARY, true);

        east().publish(b -> b.topicArn(topicArn).message("{\"pointer\":1}").messageAttributes(typedAttributes()));

        for (TestQueue queue : List.of(eastQueue, westQueue)) {
            Message m = queue.single();
            assertEquals("{\"pointer\":1}", m.body(), "raw delivery: the body is the message itself");
            var attributes = m.messageAttributes();
            assertEquals(4, attributes.size());
            assertEquals("String", attributes.get("dataset").dataType());
            assertEquals("payments", attributes.get("dataset").stringValue());
            assertEquals("Number", attributes.get("record_count").dataType());
            assertEquals("1250", attributes.get("record_count").stringValue());
            assertEquals("Number.decimal", attributes.get("amount").dataType());
            assertEquals("12.50", attributes.get("amount").stringValue());
            assertEquals("Binary", attributes.get("digest").dataType());
            assertArrayEquals(new byte[]{0, 1, 2, (byte) 0xFF}, attributes.get("digest").binaryValue().asByteArray());
        }
    }

    @Test
    public void withoutRawDeliveryTheBodyIsTheEnvelopeWithTheNotificationFields() throws Exception {
        String topicArn = topic();
        TestQueue westQueue = subscribed(topicArn, DevRegion.SECONDARY, false);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        String messageId = east().publish(b -> b.topicArn(topicArn).subject("Payments batch")
                .message("line \"one\"\nline two").messageAttributes(typedAttributes())).messageId();

        Message m = westQueue.single();
        assertTrue(m.messageAttributes().isEmpty(), "the envelope carries the attributes; SQS gets none");
        JsonNode envelope = JSON.readTree(m.body());
        assertEquals(Set.of("Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp", "SignatureVersion",
                "Signature", "SigningCertURL", "UnsubscribeURL", "MessageAttributes"), Set.copyOf(fieldNames(envelope)));
        assertEquals("Notification", envelope.get("Type").asText());
        assertEquals(messageId, envelope.get("MessageId").asText());
        assertEquals(topicArn, envelope.get("TopicArn").asText());
        assertEquals("Payments batch", envelope.get("Subject").asText());
        assertEquals("line \"one\"\nline two", envelope.get("Message").asText());
        String timestamp = envelope.get("Timestamp").asText();
        assertTrue(timestamp.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), timestamp);
        assertFalse(Instant.parse(timestamp).isBefore(before), timestamp);
        assertTrue(envelope.get("UnsubscribeURL").asText()
                .startsWith("https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + topicArn + ":"));

        JsonNode attributes = envelope.get("MessageAttributes");
        assertEquals(JSON.readTree("{\"Type\":\"String\",\"Value\":\"payments\"}"), attributes.get("dataset"));
        assertEquals(JSON.readTree("{\"Type\":\"Number\",\"Value\":\"1250\"}"), attributes.get("record_count"));
        assertEquals(JSON.readTree("{\"Type\":\"Number.decimal\",\"Value\":\"12.50\"}"), attributes.get("amount"));
        assertEquals(JSON.readTree("{\"Type\":\"Binary\",\"Value\":\"AAEC/w==\"}"), attributes.get("digest"));
    }

    @Test
    public void rawAndEnvelopeSubscriptionsOfOneTopicEachGetTheirForm() throws Exception {
        String topicArn = topic();
        TestQueue raw = subscribed(topicArn, DevRegion.SECONDARY, true);
        TestQueue wrapped = subscribed(topicArn, DevRegion.PRIMARY, false);
        String messageId = east().publish(b -> b.topicArn(topicArn).message("both")).messageId();
        assertEquals("both", raw.single().body());
        JsonNode envelope = JSON.readTree(wrapped.single().body());
        assertEquals("both", envelope.get("Message").asText());
        assertEquals(messageId, envelope.get("MessageId").asText());
    }

    @Test
    public void messageStructureJsonDeliversTheSqsEntry() {
        String topicArn = topic();
        TestQueue queue = subscribed(topicArn, DevRegion.PRIMARY, true);
        east().publish(b -> b.topicArn(topicArn).messageStructure("json")
                .message("{\"default\":\"for everyone\",\"sqs\":\"for queues\"}"));
        assertEquals("for queues", queue.single().body());
    }

    @Test
    public void unsubscribedQueuesReceiveNothing() {
        String topicArn = topic();
        TestQueue queue = TestQueue.create(emulator().sqs(DevRegion.PRIMARY));
        String arn = east().subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queue.arn())).subscriptionArn();
        east().unsubscribe(b -> b.subscriptionArn(arn));
        east().publish(b -> b.topicArn(topicArn).message("nobody listens"));
        assertTrue(queue.drain().isEmpty());
    }

    @Test
    public void publishBatchDeliversTheGoodEntriesAndReportsTheBadOnes() {
        String topicArn = topic();
        TestQueue queue = subscribed(topicArn, DevRegion.PRIMARY, true);
        PublishBatchRequestEntry bad = PublishBatchRequestEntry.builder().id("bad").message("m")
                .messageAttributes(Map.of("x", MessageAttributeValue.builder().dataType("Float").stringValue("1").build()))
                .build();
        PublishBatchResponse response = east().publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(
                PublishBatchRequestEntry.builder().id("a-1").message("first").build(), bad,
                PublishBatchRequestEntry.builder().id("a_2").message("second").messageAttributes(Map.of("k", string("v")))
                        .build()));

        assertEquals(List.of("a-1", "a_2"), response.successful().stream().map(s -> s.id()).toList());
        response.successful().forEach(s -> assertNotNull(s.messageId()));
        assertEquals(1, response.failed().size());
        BatchResultErrorEntry failed = response.failed().get(0);
        assertEquals("bad", failed.id());
        assertEquals("ParameterValueInvalid", failed.code());
        assertTrue(failed.senderFault());

        List<Message> delivered = queue.drain();
        assertEquals(List.of("first", "second"), delivered.stream().map(Message::body).sorted().toList());
        assertEquals("v", delivered.stream().filter(m -> m.body().equals("second")).findFirst().orElseThrow()
                .messageAttributes().get("k").stringValue());
    }

    @Test
    public void messagesUpTo256KibAreDeliveredAndLargerOnesRefused() {
        String topicArn = topic();
        TestQueue queue = subscribed(topicArn, DevRegion.PRIMARY, true);
        String atLimit = "x".repeat(256 * 1024);
        east().publish(b -> b.topicArn(topicArn).message(atLimit));
        assertEquals(atLimit, queue.single().body());

        InvalidParameterException tooLong = assertThrows(InvalidParameterException.class,
                () -> east().publish(b -> b.topicArn(topicArn).message(atLimit + "x")));
        assertEquals("InvalidParameter", tooLong.awsErrorDetails().errorCode());
        assertTrue(tooLong.getMessage().contains("Message too long"), tooLong.getMessage());
    }

    @Test
    public void attributesCountTowardsThe256KibLimit() {
        String topicArn = topic();
        String withRoomForTen = "x".repeat(256 * 1024 - 10);
        assertThrows(InvalidParameterException.class, () -> east().publish(b -> b.topicArn(topicArn)
                .message(withRoomForTen).messageAttributes(Map.of("name", string("1234567")))),
                "name, type and value: 4 + 6 + 7 bytes > 10");
    }

    @Test
    public void invalidMessageAttributesAreRefusedWithParameterValueInvalid() {
        String topicArn = topic();
        Map<String, MessageAttributeValue> badType =
                Map.of("x", MessageAttributeValue.builder().dataType("Float").stringValue("1").build());
        Map<String, MessageAttributeValue> notANumber =
                Map.of("x", MessageAttributeValue.builder().dataType("Number").stringValue("twelve").build());
        Map<String, MessageAttributeValue> empty =
                Map.of("x", MessageAttributeValue.builder().dataType("String").stringValue("").build());
        for (var attributes : List.of(badType, notANumber, empty)) {
            InvalidParameterValueException e = assertThrows(InvalidParameterValueException.class,
                    () -> east().publish(b -> b.topicArn(topicArn).message("m").messageAttributes(attributes)));
            assertEquals("ParameterValueInvalid", e.awsErrorDetails().errorCode());
        }
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
