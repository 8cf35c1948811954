package io.paydr.contract;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Coverage-guided fuzzing of the parsers that read untrusted input (issue #7). Any exception other than
 * {@link MessageRejectedException} (and its {@link MalformedPayloadException}) fails the target.
 *
 * <p>In the normal test run Jazzer works in regression mode: each target runs its seed inputs from
 * {@code src/test/resources/io/paydr/contract/ContractFuzzTestInputs/<target>/} (plus any crash files kept there),
 * which takes seconds. A real fuzzing run, from the repository root:
 * {@code JAZZER_FUZZ=1 mvn -B -pl shared -am test -Dtest=ContractFuzzTest#inboundMessage
 * -Dsurefire.failIfNoSpecifiedTests=false} (one target per run; each stops after its maxDuration; findings are
 * written next to the seeds and then replay in every normal run).
 */
class ContractFuzzTest {

    private static final Map<String, String> ATTRIBUTES = Map.of(
            AttributeNames.DATASET, "payments", AttributeNames.SCHEMA_VERSION, "1",
            AttributeNames.RECORD_COUNT, "3", AttributeNames.BATCH_ID, "b-1",
            AttributeNames.PAYLOAD_SHA256, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            AttributeNames.CONTENT_ENCODING, "identity", AttributeNames.EXTENDED_PAYLOAD_SIZE, "100");

    @FuzzTest(maxDuration = "5m")
    void pointer(byte[] input) {
        String body = new String(input, StandardCharsets.UTF_8);
        try {
            PayloadPointer p = PointerCodec.parse(body);
            assertEquals(p, PointerCodec.parse(PointerCodec.write(p)), "write then parse is the identity");
            assertTrue(PointerCodec.looksLikePointer(body));
        } catch (MessageRejectedException expected) {
            // the declared outcome for bad input
        }
    }

    @FuzzTest(maxDuration = "5m")
    void inboundMessage(byte[] input) {
        try {
            InboundMessage m = InboundMessage.parse(new String(input, StandardCharsets.UTF_8), ATTRIBUTES);
            assertTrue(m.pointer().isPresent() != m.inlinePayload().isPresent(), "exactly one of pointer or inline");
        } catch (MessageRejectedException expected) {
            // the declared outcome for bad input
        }
    }

    /** First byte chooses the encoding (odd: gzip); the rest is the payload. */
    @FuzzTest(maxDuration = "5m")
    void ndjsonReader(byte[] input) {
        if (input.length == 0) {
            return;
        }
        ContentEncoding encoding = (input[0] & 1) == 1 ? ContentEncoding.GZIP : ContentEncoding.IDENTITY;
        try (NdjsonReader reader = NdjsonReader.open(new ByteArrayInputStream(input, 1, input.length - 1),
                encoding)) {
            long n = 0;
            while (reader.hasNext()) {
                PaymentTransaction r = reader.next();
                n++;
                assertTrue(PaymentValidator.validate(0, r).isEmpty(), "a record the reader returns is valid");
            }
            assertEquals(n, reader.linesRead());
        } catch (MessageRejectedException expected) {
            // the declared outcome for bad input
        }
    }
}
