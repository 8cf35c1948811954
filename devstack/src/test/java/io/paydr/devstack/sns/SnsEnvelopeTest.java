package io.paydr.devstack.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paydr.devstack.DevRegion;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SNS JSON envelope laid out exactly as AWS writes it (field order, {@code "Key" : value} spacing, compact
 * attribute lines, signature and URL forms). The portable envelope semantics are in {@link SnsContract}.
 */
class SnsEnvelopeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SnsTestStack stack = SnsTestStack.shared();
    private final SnsClient east = stack.sns(DevRegion.PRIMARY);

    private TestQueue subscribed(String topicArn) {
        TestQueue queue = TestQueue.create(stack.sqs(DevRegion.SECONDARY));
        east.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queue.arn()));
        return queue;
    }

    private String topic(Map<String, String> attributes) {
        return east.createTopic(b -> b.name("envelope-" + UUID.randomUUID()).attributes(attributes)).topicArn();
    }

    @Test
    void fieldsInAwsOrderWithAwsSpacingAndSignatureForms() throws Exception {
        String topicArn = topic(Map.of());
        TestQueue queue = subscribed(topicArn);
        String subscriptionArn = east.listSubscriptionsByTopic(b -> b.topicArn(topicArn)).subscriptions().get(0)
                .subscriptionArn();

        String messageId = east.publish(b -> b.topicArn(topicArn).subject("Payments batch").message("m")
                .messageAttributes(SnsContract.typedAttributes())).messageId();

        String body = queue.single().body();
        assertTrue(body.startsWith("{\n  \"Type\" : \"Notification\",\n  \"MessageId\" : \"" + messageId + "\",\n"), body);
        assertTrue(body.contains("\n  \"MessageAttributes\" : {\n    \"dataset\" : {\"Type\":\"String\",\"Value\":\"payments\"},\n"),
                "each attribute on one compact line: " + body);
        assertTrue(body.endsWith("\"Value\":\"AAEC/w==\"}\n  }\n}"), body);
        JsonNode envelope = JSON.readTree(body);
        assertEquals(List.of("Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp", "SignatureVersion",
                "Signature", "SigningCertURL", "UnsubscribeURL", "MessageAttributes"), SnsContract.fieldNames(envelope));
        assertEquals("1", envelope.get("SignatureVersion").asText());
        assertEquals(256, Base64.getDecoder().decode(envelope.get("Signature").asText()).length, "RSA-2048 signature");
        assertTrue(envelope.get("SigningCertURL").asText()
                .matches("https://sns\\.us-east-1\\.amazonaws\\.com/SimpleNotificationService-[0-9a-f]{32}\\.pem"));
        assertEquals("https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + subscriptionArn,
                envelope.get("UnsubscribeURL").asText());
    }

    @Test
    void subjectAndAttributesAreOmittedWhenNoneArePublished() throws Exception {
        String topicArn = topic(Map.of());
        TestQueue queue = subscribed(topicArn);
        east.publish(b -> b.topicArn(topicArn).message("plain"));
        String body = queue.single().body();
        assertEquals(List.of("Type", "MessageId", "TopicArn", "Message", "Timestamp", "SignatureVersion", "Signature",
                "SigningCertURL", "UnsubscribeURL"), SnsContract.fieldNames(JSON.readTree(body)));
        assertTrue(body.endsWith("\"\n}"), body);
    }

    @Test
    void topicSignatureVersion2IsReportedInTheEnvelope() throws Exception {
        String topicArn = topic(Map.of("SignatureVersion", "2"));
        TestQueue queue = subscribed(topicArn);
        east.publish(b -> b.topicArn(topicArn).message("v2"));
        assertEquals("2", JSON.readTree(queue.single().body()).get("SignatureVersion").asText());
    }
}
