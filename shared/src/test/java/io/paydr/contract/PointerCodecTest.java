package io.paydr.contract;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.payloadoffloading.PayloadS3Pointer;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class PointerCodecTest {

    private static final PayloadPointer EXPECTED =
            new PayloadPointer("paydr-payloads-us-east-1", "payments/v1/dt=2026-11-25/hh=16/b-0001.jsonl.gz");

    @Test
    void parsesTheCurrentPointerClass() {
        assertEquals(EXPECTED, PointerCodec.parse(Fixtures.resource("pointer-current.json")));
    }

    @Test
    void parsesTheLegacySqsExtendedClientPointerClass() {
        assertEquals(EXPECTED, PointerCodec.parse(Fixtures.resource("pointer-legacy.json")));
    }

    @Test
    void writesExactlyWhatPayloadOffloadingWrites() {
        PayloadPointer p = new PayloadPointer("bucket.with-dots", "payments/v1/dt=2026-11-25/hh=16/\"odd\" key.jsonl");
        String library = new PayloadS3Pointer(p.bucket(), p.key()).toJson();
        assertEquals(library, PointerCodec.write(p));
        assertEquals(p, PointerCodec.parse(library));
        PayloadS3Pointer back = PayloadS3Pointer.fromJson(PointerCodec.write(p));
        assertEquals(p.key(), back.getS3Key());
        assertEquals(p.bucket(), back.getS3BucketName());
    }

    static Stream<Arguments> badPointers() {
        return Fixtures.tsv("bad-pointers.tsv").stream().map(row -> Arguments.of(row[0], row[1]));
    }

    @ParameterizedTest
    @MethodSource("badPointers")
    void rejectsBadPointersWithTheRightReason(String reason, String body) {
        MessageRejectedException e = assertThrows(MessageRejectedException.class, () -> PointerCodec.parse(body));
        assertEquals(ReasonCode.valueOf(reason), e.reason(), e.getMessage());
    }

    @Test
    void looksLikePointerRoutesBodiesCheaply() {
        assertTrue(PointerCodec.looksLikePointer(Fixtures.resource("pointer-current.json")));
        assertTrue(PointerCodec.looksLikePointer("  " + Fixtures.resource("pointer-legacy.json")));
        assertFalse(PointerCodec.looksLikePointer(Fixtures.resource("good.jsonl")));
        assertFalse(PointerCodec.looksLikePointer(Fixtures.resource("sns-envelope.json")));
        assertFalse(PointerCodec.looksLikePointer(null));
    }
}
