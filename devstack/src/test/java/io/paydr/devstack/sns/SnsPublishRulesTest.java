package io.paydr.devstack.sns;

import io.paydr.devstack.DevRegion;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sns.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sns.model.InvalidBatchEntryIdException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.TooManyEntriesInBatchRequestException;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Devstack-side publish rules beyond the contract: malformed batches, the 10-attribute limit of raw delivery, names. */
class SnsPublishRulesTest {

    private final SnsTestStack stack = SnsTestStack.shared();
    private final SnsClient east = stack.sns(DevRegion.PRIMARY);
    private final String topicArn = east.createTopic(b -> b.name("rules-" + UUID.randomUUID())).topicArn();

    private TestQueue subscribed(boolean raw) {
        TestQueue queue = TestQueue.create(stack.sqs(DevRegion.PRIMARY));
        east.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queue.arn())
                .attributes(Map.of("RawMessageDelivery", Boolean.toString(raw))));
        return queue;
    }

    private static PublishBatchRequestEntry entry(String id, String message) {
        return PublishBatchRequestEntry.builder().id(id).message(message).build();
    }

    private static MessageAttributeValue string(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    @Test
    void publishBatchRefusesMalformedBatches() {
        List<PublishBatchRequestEntry> eleven = IntStream.range(0, 11).mapToObj(i -> entry("e" + i, "m")).toList();
        assertThrows(TooManyEntriesInBatchRequestException.class,
                () -> east.publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(eleven)));
        assertThrows(BatchEntryIdsNotDistinctException.class, () -> east.publishBatch(b -> b.topicArn(topicArn)
                .publishBatchRequestEntries(entry("same", "1"), entry("same", "2"))));
        assertThrows(InvalidBatchEntryIdException.class, () -> east.publishBatch(b -> b.topicArn(topicArn)
                .publishBatchRequestEntries(entry("not valid!", "1"))));
        assertThrows(EmptyBatchRequestException.class,
                () -> east.publishBatch(b -> b.topicArn(topicArn).publishBatchRequestEntries(List.of())));
    }

    @Test
    void rawDeliveryDropsMessagesWithMoreThanTenAttributesButTheEnvelopeCarriesThem() throws Exception {
        TestQueue raw = subscribed(true);
        TestQueue wrapped = subscribed(false);
        Map<String, MessageAttributeValue> eleven = new HashMap<>();
        IntStream.range(0, 11).forEach(i -> eleven.put("a" + i, string("v" + i)));
        Map<String, MessageAttributeValue> ten = new HashMap<>(eleven);
        ten.remove("a10");

        assertNotNull(east.publish(b -> b.topicArn(topicArn).message("eleven").messageAttributes(eleven)).messageId(),
                "Publish itself succeeds, as on AWS");
        east.publish(b -> b.topicArn(topicArn).message("ten").messageAttributes(ten));

        List<Message> rawMessages = raw.drain();
        assertEquals(List.of("ten"), rawMessages.stream().map(Message::body).toList());
        assertEquals(10, rawMessages.get(0).messageAttributes().size());
        List<Message> envelopes = wrapped.drain();
        assertEquals(2, envelopes.size(), "the limit is one of SQS message attributes; envelopes are not affected");
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertTrue(envelopes.stream().anyMatch(m -> readAttributes(json, m.body()) == 11));
    }

    @Test
    void reservedAttributeNamesEmptyMessagesAndLongSubjectsAreRefused() {
        InvalidParameterValueException reserved = assertThrows(InvalidParameterValueException.class,
                () -> east.publish(b -> b.topicArn(topicArn).message("m").messageAttributes(Map.of("AWS.trace", string("1")))));
        assertEquals("ParameterValueInvalid", reserved.awsErrorDetails().errorCode());
        assertThrows(InvalidParameterException.class, () -> east.publish(b -> b.topicArn(topicArn).message("")));
        assertThrows(InvalidParameterException.class,
                () -> east.publish(b -> b.topicArn(topicArn).message("m").subject("x".repeat(101))));
    }

    private static int readAttributes(com.fasterxml.jackson.databind.ObjectMapper json, String body) {
        try {
            return json.readTree(body).path("MessageAttributes").size();
        } catch (Exception e) {
            throw new AssertionError("envelope is not JSON: " + body, e);
        }
    }
}
