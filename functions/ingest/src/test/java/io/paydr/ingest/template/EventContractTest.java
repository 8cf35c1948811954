package io.paydr.ingest.template;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.paydr.contract.ContentEncoding;
import io.paydr.contract.InboundMessage;
import io.paydr.contract.MessageRejectedException;
import io.paydr.contract.NdjsonReader;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.PaymentValidator;
import io.paydr.contract.ReasonCode;
import io.paydr.sam.LambdaEventJson;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The samples read the same through the shared wire contract (io.paydr.contract) as through the test's own
 * reading: well-formed messages parse to the pointer or inline payload they carry, the malformed one is
 * rejected as malformed, and every payload fixture is a valid v1 batch.
 */
class EventContractTest {

    static List<String> sqsEvents() {
        return LambdaEventFilesTest.sqsEvents();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sqsEvents")
    void contractReadsEachSampleAsItsKind(String file) throws IOException {
        for (SQSEvent.SQSMessage record : LambdaEventJson.sqsEvent(LambdaEventFilesTest.events().resolve(file)).getRecords()) {
            Map<String, String> attributes = new HashMap<>();
            record.getMessageAttributes().forEach((name, a) -> attributes.put(name, a.getStringValue()));
            if (LambdaEventFilesTest.SQS_EVENTS.get(file) == LambdaEventFilesTest.Kind.MALFORMED_POINTER) {
                MessageRejectedException rejected = assertThrows(MessageRejectedException.class,
                        () -> InboundMessage.parse(record.getBody(), attributes));
                assertEquals(ReasonCode.MALFORMED_POINTER, rejected.reason(), rejected.getMessage());
                continue;
            }
            InboundMessage message = InboundMessage.parse(record.getBody(), attributes);
            EventMessage expected = EventMessage.of(record);
            assertEquals(expected.pointer().map(p -> p.bucket() + "/" + p.key()),
                    message.pointer().map(p -> p.bucket() + "/" + p.key()));
            assertEquals(Long.parseLong(expected.attributes().get("record_count")), message.attributes().recordCount());
            assertEquals(expected.attributes().get("payload_sha256"), message.attributes().payloadSha256());
            if (LambdaEventFilesTest.SQS_EVENTS.get(file) == LambdaEventFilesTest.Kind.INLINE) {
                assertEquals(record.getBody(), message.inlinePayload().orElseThrow());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sqsEvents")
    void payloadFixturesAreValidV1Batches(String file) throws IOException {
        if (LambdaEventFilesTest.SQS_EVENTS.get(file) != LambdaEventFilesTest.Kind.POINTER) {
            return;
        }
        List<PaymentTransaction> batch = new ArrayList<>();
        try (InputStream in = Files.newInputStream(LambdaEventFilesTest.fixtureOf(file));
             NdjsonReader reader = NdjsonReader.open(in, ContentEncoding.IDENTITY)) {
            reader.forEachRemaining(batch::add);
        }
        assertTrue(!batch.isEmpty(), file + " fixture is empty");
        assertEquals(List.of(), PaymentValidator.validate(batch), file + " fixture violates the v1 contract");
    }
}
