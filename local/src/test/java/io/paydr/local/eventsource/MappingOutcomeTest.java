package io.paydr.local.eventsource;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class MappingOutcomeTest {

    private final List<SQSEvent.SQSMessage> batch = List.of(record("a"), record("b"), record("c"));

    @Test
    void nullResponseOrNoFailuresDeletesEverything() {
        assertEquals(List.of("a", "b", "c"), ids(MappingOutcome.of(batch, null).succeeded()));
        assertEquals(List.of("a", "b", "c"), ids(MappingOutcome.of(batch, new SQSBatchResponse(new ArrayList<>())).succeeded()));
        assertEquals(List.of("a", "b", "c"), ids(MappingOutcome.of(batch, new SQSBatchResponse()).succeeded()));
    }

    @Test
    void reportedFailuresStayInTheQueueAndTheRestIsDeleted() {
        MappingOutcome outcome = MappingOutcome.of(batch, response("b"));
        assertEquals(List.of("a", "c"), ids(outcome.succeeded()));
        assertEquals(List.of("b"), ids(outcome.failed()));
        assertNull(outcome.reason());
    }

    @Test
    void anIdentifierNotInTheBatchFailsTheWholeBatchAsLambdaDoes() {
        MappingOutcome outcome = MappingOutcome.of(batch, response("b", "zzz"));
        assertEquals(List.of(), outcome.succeeded());
        assertEquals(List.of("a", "b", "c"), ids(outcome.failed()));
        assertNotNull(outcome.reason());
    }

    @Test
    void anEmptyIdentifierFailsTheWholeBatch() {
        assertEquals(3, MappingOutcome.of(batch, response("")).failed().size());
        assertEquals(3, MappingOutcome.of(batch, response((String) null)).failed().size());
    }

    private static SQSBatchResponse response(String... ids) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (String id : ids) {
            failures.add(new SQSBatchResponse.BatchItemFailure(id));
        }
        return new SQSBatchResponse(failures);
    }

    private static SQSEvent.SQSMessage record(String id) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        return m;
    }

    private static List<String> ids(List<SQSEvent.SQSMessage> records) {
        return records.stream().map(SQSEvent.SQSMessage::getMessageId).toList();
    }
}
