package io.paydr.devstack.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paydr.devstack.DevRegion;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Fan-out from a topic into ElasticMQ queues of both Regions, raw and as the SNS JSON envelope. */
class SnsFanoutTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SnsTestStack stack = SnsTestStack.shared();
    private final SnsClient east = stack.sns(DevRegion.PRIMARY);

    private String topic() {
        return east.createTopic(b -> b.name("fanout-" + UUID.randomUUID())).topicArn();
    }

    private TestQueue subscribed(String topicArn, DevRegion queueRegion, boolean raw) {
        TestQueue queue = TestQueue.create(stack, queueRegion);
        east.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queue.arn())
                .attributes(Map.of("RawMessageDelivery", Boolean.toString(raw))));
        return queue;
    }

    private static Map<String, MessageAttributeValue> typedAttributes() {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        attributes.put("dataset", MessageAttributeValue.builder().dataType("String").stringValue("payments").build());
        attributes.put("record_count", MessageAttributeValue.builder().dataType("Number").stringValue("1250").build());
        attributes.put("amount", MessageAttributeValue.builder().dataType("Number.decimal").stringValue("12.50").build());
        attributes.put("digest", MessageAttributeValue.builder().dataType("Binary")
                .binaryValue(SdkBytes.fromByteArray(new byte[]{0, 1, 2, (byte) 0xFF})).build());
        return attributes;
    }

    @Test
    void rawDeliveryReachesQueuesInBothRegionsWithTypedAttributes() {
        String topicArn = topic();
        TestQueue eastQueue = subscribed(topicArn, DevRegion.PRIMARY, true);
        TestQueue westQueue = subscribed(topicArn, DevRegion.SECONDARY, true);

        east.publish(b -> b.topicArn(topicArn).message("{\"pointer\":1}").messageAttributes(typedAttributes()));

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
    void withoutRawDeliveryTheBodyIsTheSnsEnvelopeAsAwsWritesIt() throws Exception {
        String topicArn = topic();
        TestQueue westQueue = subscribed(topicArn, DevRegion.SECONDARY, false);
        String subscriptionArn = east.listSubscriptionsByTopic(b -> b.topicArn(topicArn)).subscriptions().get(0)
                .subscriptionArn();
        Instant before = Instant.now().minusMillis(1);

        String messageId = east.publish(b -> b.topicArn(topicArn).subject("Payments batch")
                .message("line \"one\"\nline two").messageAttributes(typedAttributes())).messageId();

        Message m = westQueue.single();
        assertTrue(m.messageAttributes().isEmpty(), "the envelope carries the attributes; SQS gets none");
        assertTrue(m.body().startsWith("{\n  \"Type\" : \"Notification\",\n  \"MessageId\" : \"" + messageId + "\",\n"),
                m.body());
        JsonNode envelope = JSON.readTree(m.body());
        assertEquals(List.of("Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp", "SignatureVersion",
                "Signature", "SigningCertURL", "UnsubscribeURL", "MessageAttributes"), fieldNames(envelope));
        assertEquals("Notification", envelope.get("Type").asText());
        assertEquals(messageId, envelope.get("MessageId").asText());
        assertEquals(topicArn, envelope.get("TopicArn").asText());
        assertEquals("Payments batch", envelope.get("Subject").asText());
        assertEquals("line \"one\"\nline two", envelope.get("Message").asText());
        String timestamp = envelope.get("Timestamp").asText();
        assertTrue(timestamp.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), timestamp);
        Instant published = Instant.parse(timestamp);
        assertTrue(!published.isBefore(before) && published.isBefore(Instant.now().plus(Duration.ofSeconds(1))));
        assertEquals("1", envelope.get("SignatureVersion").asText());
        assertEquals(256, Base64.getDecoder().decode(envelope.get("Signature").asText()).length, "RSA-2048 signature");
        assertTrue(envelope.get("SigningCertURL").asText()
                .matches("https://sns\\.us-east-1\\.amazonaws\\.com/SimpleNotificationService-[0-9a-f]{32}\\.pem"));
        assertEquals("https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + subscriptionArn,
                envelope.get("UnsubscribeURL").asText());

        JsonNode attributes = envelope.get("MessageAttributes");
        assertEquals(JSON.readTree("{\"Type\":\"String\",\"Value\":\"payments\"}"), attributes.get("dataset"));
        assertEquals(JSON.readTree("{\"Type\":\"Number\",\"Value\":\"1250\"}"), attributes.get("record_count"));
        assertEquals(JSON.readTree("{\"Type\":\"Number.decimal\",\"Value\":\"12.50\"}"), attributes.get("amount"));
        assertEquals(JSON.readTree("{\"Type\":\"Binary\",\"Value\":\"AAEC/w==\"}"), attributes.get("digest"));
        assertTrue(m.body().contains("\n  \"MessageAttributes\" : {\n    \"dataset\" : {\"Type\":\"String\",\"Value\":\"payments\"},\n"),
                "each attribute on one compact line: " + m.body());
    }

    @Test
    void envelopeOmitsSubjectAndAttributesWhenNoneArePublished() throws Exception {
        String topicArn = topic();
        TestQueue queue = subscribed(topicArn, DevRegion.PRIMARY, false);
        east.publish(b -> b.topicArn(topicArn).message("plain"));
        JsonNode envelope = JSON.readTree(queue.single().body());
        assertEquals(List.of("Type", "MessageId", "TopicArn", "Message", "Timestamp", "SignatureVersion", "Signature",
                "SigningCertURL", "UnsubscribeURL"), fieldNames(envelope));
    }

    @Test
    void signatureVersion2IsReportedInTheEnvelope() throws Exception {
        String topicArn = east.createTopic(b -> b.name("fanout-" + UUID.randomUUID())
                .attributes(Map.of("SignatureVersion", "2"))).topicArn();
        TestQueue queue = subscribed(topicArn, DevRegion.PRIMARY, false);
        east.publish(b -> b.topicArn(topicArn).message("v2"));
        assertEquals("2", JSON.readTree(queue.single().body()).get("SignatureVersion").asText());
    }

    @Test
    void rawAndEnvelopeSubscriptionsOfOneTopicEachGetTheirForm() throws Exception {
        String topicArn = topic();
        TestQueue raw = subscribed(topicArn, DevRegion.SECONDARY, true);
        TestQueue wrapped = subscribed(topicArn, DevRegion.PRIMARY, false);
        String messageId = east.publish(b -> b.topicArn(topicArn).message("both")).messageId();
        assertEquals("both", raw.single().body());
        JsonNode envelope = JSON.readTree(wrapped.single().body());
        assertEquals("both", envelope.get("Message").asText());
        assertEquals(messageId, envelope.get("MessageId").asText());
    }

    @Test
    void messageStructureJsonDeliversTheSqsEntry() {
        String topicArn = topic();
        TestQueue queue = subscribed(topicArn, DevRegion.PRIMARY, true);
        east.publish(b -> b.topicArn(topicArn).messageStructure("json")
                .message("{\"default\":\"for everyone\",\"sqs\":\"for queues\"}"));
        assertEquals("for queues", queue.single().body());
    }

    @Test
    void unsubscribedQueuesReceiveNothing() {
        String topicArn = topic();
        TestQueue queue = TestQueue.create(stack, DevRegion.PRIMARY);
        String arn = east.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queue.arn())).subscriptionArn();
        east.unsubscribe(b -> b.subscriptionArn(arn));
        east.publish(b -> b.topicArn(topicArn).message("nobody listens"));
        assertTrue(queue.drain().isEmpty());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        assertFalse(names.isEmpty());
        return names;
    }
}
