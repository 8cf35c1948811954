package io.paydr.devstack.sns;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.faults.FaultSpec;
import io.paydr.devstack.faults.Service;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InternalErrorException;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sqs.model.Message;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fault switchboard as the SNS server renders it: injected errors, throttling, duplicates, Region down. */
class SnsFaultsTest {

    private final SnsTestStack stack = SnsTestStack.shared();
    private final SnsClient east = stack.snsWithoutRetries(DevRegion.PRIMARY);
    private final SnsClient west = stack.snsWithoutRetries(DevRegion.SECONDARY);

    @AfterEach
    void clearFaults() {
        stack.faults().clear();
    }

    @Test
    void errorRateOneAnswersInternalErrorInThatRegionOnly() {
        stack.faults().set(Service.SNS, DevRegion.PRIMARY, FaultSpec.serverErrors(1));
        InternalErrorException e = assertThrows(InternalErrorException.class, () -> east.listTopics());
        assertEquals("InternalError", e.awsErrorDetails().errorCode());
        assertEquals(500, e.statusCode());
        west.listTopics();
    }

    @Test
    void throttlingIsAnSdkThrottlingError() {
        stack.faults().set(Service.SNS, DevRegion.SECONDARY, FaultSpec.throttling(1));
        SnsException e = assertThrows(SnsException.class, () -> west.listTopics());
        assertEquals("Throttling", e.awsErrorDetails().errorCode());
        assertTrue(e.isThrottlingException(), "the SDK's retry policy must back off on it");
    }

    @Test
    void regionDownAnswers503WhileThePeerServes() {
        stack.faults().regionDown(DevRegion.PRIMARY, true);
        SnsException e = assertThrows(SnsException.class, () -> east.createTopic(b -> b.name("down-" + UUID.randomUUID())));
        assertEquals(503, e.statusCode());
        assertEquals("ServiceUnavailable", e.awsErrorDetails().errorCode());
        west.createTopic(b -> b.name("up-" + UUID.randomUUID()));
        stack.faults().regionDown(DevRegion.PRIMARY, false);
        east.listTopics();
    }

    @Test
    void duplicateRateOneDeliversEveryMessageTwice() {
        String topicArn = east.createTopic(b -> b.name("dup-" + UUID.randomUUID())).topicArn();
        TestQueue raw = TestQueue.create(stack.sqs(DevRegion.SECONDARY));
        TestQueue wrapped = TestQueue.create(stack.sqs(DevRegion.PRIMARY));
        east.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(raw.arn())
                .attributes(Map.of("RawMessageDelivery", "true")));
        east.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(wrapped.arn()));
        stack.faults().set(Service.SNS, DevRegion.PRIMARY, FaultSpec.duplicates(1));

        east.publish(b -> b.topicArn(topicArn).message("twice"));

        assertEquals(List.of("twice", "twice"), raw.drain().stream().map(Message::body).toList());
        List<Message> envelopes = wrapped.drain();
        assertEquals(2, envelopes.size());
        assertEquals(envelopes.get(0).body(), envelopes.get(1).body(), "a duplicate is the same notification");
    }

    @Test
    void deliveryToAQueueWhoseRegionIsDownWaitsUntilTheRegionIsBack() throws InterruptedException {
        String topicArn = east.createTopic(b -> b.name("outage-" + UUID.randomUUID())).topicArn();
        TestQueue westQueue = TestQueue.create(stack.sqs(DevRegion.SECONDARY));
        east.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(westQueue.arn())
                .attributes(Map.of("RawMessageDelivery", "true")));
        stack.faults().regionDown(DevRegion.SECONDARY, true);

        east.publish(b -> b.topicArn(topicArn).message("held"));
        Thread.sleep(1_500);
        stack.faults().regionDown(DevRegion.SECONDARY, false);
        List<Message> received = westQueue.sqs().receiveMessage(b -> b.queueUrl(westQueue.url()).waitTimeSeconds(10))
                .messages();
        assertEquals(List.of("held"), received.stream().map(Message::body).toList(), "SNS retried the delivery");
    }
}
