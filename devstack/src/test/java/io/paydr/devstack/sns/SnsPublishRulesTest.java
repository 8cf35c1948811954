package io.paydr.devstack.sns;

import io.paydr.devstack.DevRegion;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sns.model.EmptyBatchRequestException;
import software.amazon.awssdk.services.sns.model.InvalidBatchEntryIdException;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.InvalidParameterValueException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
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

/** PublishBatch, the 256 KiB limit, the 10-attribute limit of raw delivery and message attribute validation. */
class SnsPublishRulesTest {

    private static final int LIMIT = 256 * 1024;

    private final SnsTestStack stack = SnsTestStack.shared();
    private final SnsClient east = stack.sns(DevRegion.PRIMARY);
    private final String topicArn = east.createTopic(b -> b.name("rules-" + UUID.randomUUID())).topicArn();

    private TestQueue subscribed(boolean raw) {
        TestQueue queue = TestQueue.create(stack, DevRegion.PRIMARY);
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
    void publishBatchDeliversTheGoodEntriesAndReportsTheBadOnes() {
        TestQueue queue = subscribed(true);
        PublishBatchRequestEntry bad = PublishBatchRequestEntry.builder().id("bad").message("m")
                .messageAttributes(Map.of("x", MessageAttributeValue.builder().dataType("Float").stringValue("1").build()))
                .build();
        PublishBatchResponse response = east.publishBatch(b -> b.topicArn(topicArn)
                .publishBatchRequestEntries(entry("a-1", "first"), bad, PublishBatchRequestEntry.builder().id("a_2")
                        .message("second").messageAttributes(Map.of("k", string("v"))).build()));

        assertEquals(List.of("a-1", "a_2"), response.successful().stream().map(s -> s.id()).toList());
        response.successful().forEach(s -> assertNotNull(s.messageId()));
        BatchResultErrorEntry failed = response.failed().get(0);
        assertEquals(1, response.failed().size());
        assertEquals("bad", failed.id());
        assertEquals("ParameterValueInvalid", failed.code());
        assertTrue(failed.senderFault());

        List<Message> delivered = queue.drain();
        assertEquals(List.of("first", "second"), delivered.stream().map(Message::body).sorted().toList());
        assertEquals("v", delivered.stream().filter(m -> m.body().equals("second")).findFirst().orElseThrow()
                .messageAttributes().get("k").stringValue());
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
    void messagesUpTo256KibAreDeliveredAndLargerOnesRefused() {
        TestQueue queue = subscribed(true);
        String atLimit = "x".repeat(LIMIT);
        east.publish(b -> b.topicArn(topicArn).message(atLimit));
        assertEquals(atLimit, queue.single().body());

        InvalidParameterException tooLong = assertThrows(InvalidParameterException.class,
                () -> east.publish(b -> b.topicArn(topicArn).message(atLimit + "x")));
        assertEquals("InvalidParameter", tooLong.awsErrorDetails().errorCode());
        assertTrue(tooLong.getMessage().contains("Message too long"), tooLong.getMessage());

        String withRoomForAttribute = "x".repeat(LIMIT - 10);
        assertThrows(InvalidParameterException.class, () -> east.publish(b -> b.topicArn(topicArn)
                .message(withRoomForAttribute).messageAttributes(Map.of("name", string("1234567")))),
                "attributes count towards the limit: 4 + 6 + 7 bytes > 10");
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
    void invalidMessageAttributesAreRefusedWithParameterValueInvalid() {
        Map<String, MessageAttributeValue> badType =
                Map.of("x", MessageAttributeValue.builder().dataType("Float").stringValue("1").build());
        Map<String, MessageAttributeValue> notANumber =
                Map.of("x", MessageAttributeValue.builder().dataType("Number").stringValue("twelve").build());
        Map<String, MessageAttributeValue> empty =
                Map.of("x", MessageAttributeValue.builder().dataType("String").stringValue("").build());
        Map<String, MessageAttributeValue> reserved = Map.of("AWS.trace", string("1"));
        for (var attributes : List.of(badType, notANumber, empty, reserved)) {
            InvalidParameterValueException e = assertThrows(InvalidParameterValueException.class,
                    () -> east.publish(b -> b.topicArn(topicArn).message("m").messageAttributes(attributes)));
            assertEquals("ParameterValueInvalid", e.awsErrorDetails().errorCode());
        }
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
