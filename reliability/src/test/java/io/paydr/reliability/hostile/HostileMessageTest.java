package io.paydr.reliability.hostile;

import static io.paydr.reliability.support.LambdaEvents.message;
import static io.paydr.reliability.support.LambdaEvents.pointerMessage;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.ReasonCode;
import io.paydr.contract.Sha256;
import io.paydr.reliability.support.PayloadStore;
import io.paydr.reliability.support.Records;
import io.paydr.reliability.support.StoredPayload;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Hostile and broken messages and payload objects (issue #7): each one fails alone with its reason code logged, while
 * the good messages of the same batch commit and nothing of it is loaded. Runs the real ingest handler against
 * devstack (S3, Data API, PostgreSQL).
 */
class HostileMessageTest {
    private static final String POINTER_CLASS = "software.amazon.payloadoffloading.PayloadS3Pointer";
    private static final HostileInputFixture FIXTURE = HostileInputFixture.get();

    @AfterAll
    static void summary() {
        FIXTURE.outcomes().forEach(line -> System.out.println("[hostile] " + line));
    }

    /** A valid payload in the allowed bucket, so that only the tampered part of each message can be at fault. */
    private static StoredPayload validPayload(String prefix) {
        return FIXTURE.store.put(FIXTURE.allowedBucket, Records.valid(prefix.replaceAll("[^A-Za-z0-9-]", "-"), 3),
                ContentEncoding.IDENTITY);
    }

    static Stream<Arguments> malformedBodies() {
        String location = "{\"s3BucketName\":\"B\",\"s3Key\":\"K\"}";
        return Stream.of(
                Arguments.of("unterminated", "[\"" + POINTER_CLASS + "\"," + location, ReasonCode.MALFORMED_POINTER),
                Arguments.of("three-elements", "[\"" + POINTER_CLASS + "\"," + location + ",\"x\"]", ReasonCode.MALFORMED_POINTER),
                Arguments.of("extra-field", "[\"" + POINTER_CLASS + "\",{\"s3BucketName\":\"B\",\"s3Key\":\"K\",\"@class\":\"java.net.URL\"}]", ReasonCode.MALFORMED_POINTER),
                Arguments.of("number-field", "[\"" + POINTER_CLASS + "\",{\"s3BucketName\":1,\"s3Key\":\"K\"}]", ReasonCode.MALFORMED_POINTER),
                Arguments.of("missing-key", "[\"" + POINTER_CLASS + "\",{\"s3BucketName\":\"B\"}]", ReasonCode.MALFORMED_POINTER),
                Arguments.of("duplicate-field", "[\"" + POINTER_CLASS + "\",{\"s3BucketName\":\"B\",\"s3Key\":\"K\",\"s3Key\":\"../K\"}]", ReasonCode.MALFORMED_POINTER),
                Arguments.of("trailing-garbage", "[\"" + POINTER_CLASS + "\"," + location + "] []", ReasonCode.MALFORMED_POINTER),
                Arguments.of("empty-array", "[]", ReasonCode.MALFORMED_POINTER),
                Arguments.of("deep-nesting", "[".repeat(5000) + "]".repeat(5000), ReasonCode.MALFORMED_POINTER),
                Arguments.of("not-json", "hello; DROP TABLE payments", ReasonCode.MALFORMED_MESSAGE),
                Arguments.of("blank", "   ", ReasonCode.MALFORMED_MESSAGE));
    }

    @ParameterizedTest(name = "malformed body: {0}")
    @MethodSource("malformedBodies")
    void malformedPointerJsonIsRejected(String name, String bodyTemplate, ReasonCode reason) {
        StoredPayload payload = validPayload("mal-" + name);
        String body = bodyTemplate.replace("\"B\"", "\"" + payload.bucket() + "\"").replace("\"K\"", "\"" + payload.key() + "\"");
        FIXTURE.assertRejectedAlone("malformed body " + name, message("h-mal-" + name, body, payload.attributes()), reason);
    }

    @ParameterizedTest(name = "pointer class {0}")
    @MethodSource("foreignClasses")
    void unknownPointerClassIsRejected(String className) {
        StoredPayload payload = validPayload("cls-" + className.hashCode());
        String body = payload.pointerBody().replace(POINTER_CLASS, className);
        FIXTURE.assertRejectedAlone("pointer class " + className,
                message("h-cls-" + Math.abs(className.hashCode()), body, payload.attributes()), ReasonCode.UNKNOWN_POINTER_CLASS);
    }

    static Stream<String> foreignClasses() {
        return Stream.of("com.evil.Gadget", "java.net.URL",
                "org.apache.commons.collections.functors.InvokerTransformer",
                "software.amazon.payloadoffloading.PayloadS3Pointer ", "SOFTWARE.AMAZON.PAYLOADOFFLOADING.PAYLOADS3POINTER");
    }

    @Test
    void bucketOutsideTheAllowlistIsNeverRead() {
        StoredPayload foreign = FIXTURE.store.put(FIXTURE.foreignBucket, Records.valid("foreign", 3), ContentEncoding.IDENTITY);
        FIXTURE.assertRejectedAlone("bucket outside allowlist", pointerMessage("h-foreign", foreign),
                ReasonCode.BUCKET_NOT_ALLOWED);
        StoredPayload dotted = validPayload("dotted").withLocation("../" + FIXTURE.allowedBucket, validPayload("d2").key());
        FIXTURE.assertRejectedAlone("bucket name with ..", pointerMessage("h-dotted-bucket", dotted),
                ReasonCode.BUCKET_NOT_ALLOWED);
    }

    static Stream<Arguments> oddKeys() {
        return Stream.of(
                Arguments.of("dot-dot", "payments/v1/../../secrets/K"),
                Arguments.of("leading-dot-dot", "../K"),
                Arguments.of("dot-segment", "payments/./K"),
                Arguments.of("empty-segment", "payments//K"),
                Arguments.of("leading-slash", "/K"),
                Arguments.of("space", "payments/v1/a b.jsonl"),
                Arguments.of("percent-encoded-dots", "payments/v1/%2e%2e/K"),
                Arguments.of("backslash", "payments\\..\\K"),
                Arguments.of("query", "K?versionId=1"),
                Arguments.of("unicode", "payments/v1/zürich.jsonl"),
                Arguments.of("nul", "payments/v1/a\u0000.jsonl"),
                Arguments.of("newline", "payments/v1/a\n.jsonl"),
                Arguments.of("too-long", "payments/" + "a".repeat(1100)));
    }

    @ParameterizedTest(name = "object key: {0}")
    @MethodSource("oddKeys")
    void keysWithDotDotOrOddCharactersAreRejected(String name, String keyTemplate) {
        StoredPayload payload = validPayload("key-" + name);
        String key = keyTemplate.replace("K", payload.key());
        FIXTURE.assertRejectedAlone("object key " + name,
                pointerMessage("h-key-" + name, payload.withLocation(payload.bucket(), key)), ReasonCode.BAD_KEY);
    }

    @Test
    void missingObjectIsRejected() {
        StoredPayload payload = validPayload("missing");
        // another batch's key (named after its batch_id, as the function checks) where nothing was stored
        StoredPayload missing = new StoredPayload(payload.bucket(), payload.key().replace(payload.batchId(),
                payload.batchId() + "-gone"), payload.batchId() + "-gone", payload.sha256(), payload.records(),
                payload.size(), payload.encoding());
        FIXTURE.assertRejectedAlone("missing object", pointerMessage("h-missing", missing), ReasonCode.MISSING_OBJECT);
    }

    @Test
    void zeroByteObjectsAreRejected() {
        StoredPayload empty = FIXTURE.store.putBytes(FIXTURE.allowedBucket, new byte[0], 1, ContentEncoding.IDENTITY);
        FIXTURE.assertRejectedAlone("zero-byte object", pointerMessage("h-empty", empty), ReasonCode.EMPTY_PAYLOAD);
        StoredPayload emptyGzip = FIXTURE.store.putBytes(FIXTURE.allowedBucket, new byte[0], 1, ContentEncoding.GZIP);
        FIXTURE.assertRejectedAlone("zero-byte gzip object", pointerMessage("h-empty-gz", emptyGzip),
                ReasonCode.MALFORMED_PAYLOAD);
        StoredPayload gzipOfNothing = FIXTURE.store.putBytes(FIXTURE.allowedBucket, PayloadStore.gzip(new byte[0]), 1,
                ContentEncoding.GZIP);
        FIXTURE.assertRejectedAlone("gzip of zero records", pointerMessage("h-gzip-nothing", gzipOfNothing),
                ReasonCode.EMPTY_PAYLOAD);
    }

    @Test
    void truncatedPayloadsAreRejected() {
        byte[] gzip = PayloadStore.encode(Records.valid("trunc-gz", 50), ContentEncoding.GZIP);
        StoredPayload truncatedGzip = FIXTURE.store.putBytes(FIXTURE.allowedBucket,
                Arrays.copyOf(gzip, gzip.length / 2), 50, ContentEncoding.GZIP);
        FIXTURE.assertRejectedAlone("truncated gzip", pointerMessage("h-trunc-gz", truncatedGzip),
                ReasonCode.MALFORMED_PAYLOAD);
        byte[] gzipWithoutTrailer = Arrays.copyOf(gzip, gzip.length - 4);
        StoredPayload noTrailer = FIXTURE.store.putBytes(FIXTURE.allowedBucket, gzipWithoutTrailer, 50,
                ContentEncoding.GZIP);
        FIXTURE.assertRejectedAlone("gzip without its length trailer", pointerMessage("h-trunc-trailer", noTrailer),
                ReasonCode.MALFORMED_PAYLOAD);
        byte[] plain = PayloadStore.encode(Records.valid("trunc-plain", 5), ContentEncoding.IDENTITY);
        StoredPayload cutMidLine = FIXTURE.store.putBytes(FIXTURE.allowedBucket,
                Arrays.copyOf(plain, plain.length - 20), 5, ContentEncoding.IDENTITY);
        FIXTURE.assertRejectedAlone("identity payload cut mid-line", pointerMessage("h-trunc-plain", cutMidLine),
                ReasonCode.MALFORMED_PAYLOAD);
    }

    @Test
    void sha256MismatchIsRejected() {
        StoredPayload payload = validPayload("sha");
        String otherSha = Sha256.hexOf("something else".getBytes(StandardCharsets.UTF_8));
        FIXTURE.assertRejectedAlone("sha256 mismatch", pointerMessage("h-sha", payload.withSha256(otherSha)),
                ReasonCode.CHECKSUM_MISMATCH);
        StoredPayload swapped = validPayload("swap");
        byte[] evil = FIXTURE.s3.getObjectAsBytes(r -> r.bucket(swapped.bucket()).key(swapped.key())).asByteArray();
        int digit = new String(evil, StandardCharsets.UTF_8).indexOf("\"amount_minor\":") + 15;
        evil[digit] = (byte) (evil[digit] == '9' ? '8' : evil[digit] + 1); // same size, another amount
        FIXTURE.s3.putObject(r -> r.bucket(swapped.bucket()).key(swapped.key()), RequestBody.fromBytes(evil));
        FIXTURE.assertRejectedAlone("object replaced after publish", pointerMessage("h-swapped", swapped),
                ReasonCode.CHECKSUM_MISMATCH);
        StoredPayload resized = validPayload("resize");
        FIXTURE.s3.putObject(r -> r.bucket(resized.bucket()).key(resized.key()),
                RequestBody.fromBytes(PayloadStore.encode(Records.valid("resize-evil", 3), ContentEncoding.IDENTITY)));
        FIXTURE.assertRejectedAlone("object replaced by one of another size", pointerMessage("h-resized", resized),
                ReasonCode.SIZE_MISMATCH);
    }

    @Test
    void recordCountMismatchIsRejected() {
        StoredPayload more = validPayload("count-more");
        FIXTURE.assertRejectedAlone("record_count too high", pointerMessage("h-count-more", more.withRecords(4)),
                ReasonCode.RECORD_COUNT_MISMATCH);
        StoredPayload fewer = validPayload("count-fewer");
        FIXTURE.assertRejectedAlone("record_count too low", pointerMessage("h-count-fewer", fewer.withRecords(2)),
                ReasonCode.RECORD_COUNT_MISMATCH);
    }

    static Stream<Arguments> badAttributes() {
        return Stream.of(
                Arguments.of("unknown dataset", "dataset", "refunds", ReasonCode.UNKNOWN_DATASET),
                Arguments.of("dataset with SQL", "dataset", "payments; DROP TABLE x", ReasonCode.BAD_ATTRIBUTE),
                Arguments.of("dataset naming a table", "dataset", "public.payments", ReasonCode.BAD_ATTRIBUTE),
                Arguments.of("schema version 2", "schema_version", "2", ReasonCode.UNSUPPORTED_SCHEMA_VERSION),
                Arguments.of("schema version 1.0", "schema_version", "1.0", ReasonCode.BAD_ATTRIBUTE),
                Arguments.of("schema version missing", "schema_version", null, ReasonCode.MISSING_ATTRIBUTE),
                Arguments.of("batch id with quote", "batch_id", "b'; DROP TABLE x; --", ReasonCode.BAD_ATTRIBUTE),
                Arguments.of("content encoding br", "content_encoding", "br", ReasonCode.BAD_ATTRIBUTE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAttributes")
    void unknownDatasetOrSchemaVersionIsRejected(String name, String attribute, String value, ReasonCode reason) {
        StoredPayload payload = validPayload("attr-" + name.replace(' ', '-'));
        Map<String, String> attributes = new LinkedHashMap<>(payload.attributes());
        if (value == null) {
            attributes.remove(attribute);
        } else {
            attributes.put(attribute, value);
        }
        FIXTURE.assertRejectedAlone(name, message("h-attr-" + name.replaceAll("[^A-Za-z0-9]", "-"), payload.pointerBody(), attributes),
                reason);
    }
}
