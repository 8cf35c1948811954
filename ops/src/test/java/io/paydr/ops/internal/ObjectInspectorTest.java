package io.paydr.ops.internal;

import io.paydr.contract.Sha256;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ObjectInspectorTest {

    private static final byte[] PAYLOAD = "{\"a\":1}\n{\"a\":2}\n".getBytes(StandardCharsets.UTF_8);
    private static final String HEX = Sha256.hexOf(PAYLOAD);

    @Test
    void s3Base64ChecksumBecomesLowercaseHexOfTheSameDigest() {
        String base64 = java.util.Base64.getEncoder().encodeToString(Sha256.newDigest().digest(PAYLOAD));
        HeadObjectResponse head = HeadObjectResponse.builder().checksumSHA256(base64).build();
        assertEquals(HEX, ObjectInspector.fullObjectSha256(head));
        assertEquals(HEX, ObjectInspector.fullObjectSha256(head.toBuilder().checksumType(ChecksumType.FULL_OBJECT)
                .build()));
    }

    @Test
    void compositeMultipartChecksumsAreNotTakenForTheObjectDigest() {
        String base64 = java.util.Base64.getEncoder().encodeToString(Sha256.newDigest().digest(PAYLOAD));
        assertNull(ObjectInspector.fullObjectSha256(HeadObjectResponse.builder().checksumSHA256(base64 + "-3")
                .build()));
        assertNull(ObjectInspector.fullObjectSha256(HeadObjectResponse.builder().checksumSHA256(base64)
                .checksumType(ChecksumType.COMPOSITE).build()));
        assertNull(ObjectInspector.fullObjectSha256(HeadObjectResponse.builder().build()));
    }

    @Test
    void countsNonEmptyLinesWithOrWithoutFinalNewline() throws IOException {
        assertEquals(2, lines("{}\n{}\n"));
        assertEquals(2, lines("{}\n{}"));
        assertEquals(2, lines("{}\r\n\r\n{}\r\n"));
        assertEquals(0, lines(""));
        assertEquals(0, lines("\n\n"));
    }

    private static long lines(String s) throws IOException {
        return ObjectInspector.countLines(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
    }
}
