package io.paydr.devstack.faults;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Faults switched through {@link Faults} reach real SDK clients as each service's own errors, per Region. */
class FaultInjectionTest {

    private static Devstack ds;
    private static String eastBucket;
    private static String westBucket;

    @BeforeAll
    static void buckets() {
        ds = Devstack.shared();
        eastBucket = bucket(DevRegion.PRIMARY);
        westBucket = bucket(DevRegion.SECONDARY);
    }

    @AfterEach
    void clear() {
        ds.faults().clear();
    }

    @Test
    void s3ServerErrorsAndThrottlingUseS3ErrorCodesInTheFaultyRegionOnly() {
        try (S3Client east = ds.s3(DevRegion.PRIMARY); S3Client west = ds.s3(DevRegion.SECONDARY)) {
            ds.faults().set(Service.S3, DevRegion.SECONDARY, FaultSpec.serverErrors(1.0));
            S3Exception error = assertThrows(S3Exception.class, () -> west.getObject(b -> b.bucket(westBucket).key("k")));
            assertEquals(500, error.statusCode());
            assertEquals("InternalError", error.awsErrorDetails().errorCode());

            ds.faults().set(Service.S3, DevRegion.SECONDARY, FaultSpec.throttling(1.0));
            S3Exception throttled = assertThrows(S3Exception.class, () -> west.getObject(b -> b.bucket(westBucket).key("k")));
            assertEquals(503, throttled.statusCode());
            assertEquals("SlowDown", throttled.awsErrorDetails().errorCode());
            assertTrue(throttled.isThrottlingException());

            assertEquals("east", east.getObjectAsBytes(b -> b.bucket(eastBucket).key("k")).asUtf8String());
        }
    }

    @Test
    void sqsErrorsUseSqsErrorCodes() {
        try (SqsClient west = ds.sqs(DevRegion.SECONDARY)) {
            ds.faults().set(Service.SQS, DevRegion.SECONDARY, FaultSpec.throttling(1.0));
            SqsException throttled = assertThrows(SqsException.class, () -> west.listQueues());
            assertEquals("RequestThrottled", throttled.awsErrorDetails().errorCode());
            assertTrue(throttled.isThrottlingException());

            ds.faults().set(Service.SQS, DevRegion.SECONDARY, FaultSpec.serverErrors(1.0));
            SqsException failed = assertThrows(SqsException.class, () -> west.listQueues());
            assertEquals(500, failed.statusCode());
            assertEquals("InternalFailure", failed.awsErrorDetails().errorCode());
        }
    }

    @Test
    void sqsQueryProtocolGetsAnXmlErrorResponse() throws Exception {
        ds.faults().set(Service.SQS, DevRegion.PRIMARY, FaultSpec.throttling(1.0));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(ds.sqsEndpoint(DevRegion.PRIMARY))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=ListQueues&Version=2012-11-05")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("<Code>RequestThrottled</Code>"), response.body());
    }

    @Test
    void regionDownFailsEveryServiceOfThatRegionUntilCleared() {
        try (S3Client east = ds.s3(DevRegion.PRIMARY); S3Client west = ds.s3(DevRegion.SECONDARY);
             SqsClient eastSqs = ds.sqs(DevRegion.PRIMARY); SqsClient westSqs = ds.sqs(DevRegion.SECONDARY)) {
            ds.faults().regionDown(DevRegion.PRIMARY, true);

            S3Exception s3Down = assertThrows(S3Exception.class, () -> east.getObject(b -> b.bucket(eastBucket).key("k")));
            assertEquals(503, s3Down.statusCode());
            assertEquals("ServiceUnavailable", s3Down.awsErrorDetails().errorCode());
            S3Exception viaWestClient = assertThrows(S3Exception.class,
                    () -> west.getObject(b -> b.bucket(eastBucket).key("k")), "the bucket's Region decides, not the client's");
            assertEquals(503, viaWestClient.statusCode());
            assertEquals(503, assertThrows(SqsException.class, eastSqs::listQueues).statusCode());

            assertEquals("west", west.getObjectAsBytes(b -> b.bucket(westBucket).key("k")).asUtf8String());
            westSqs.listQueues();

            ds.faults().clear();
            assertEquals("east", east.getObjectAsBytes(b -> b.bucket(eastBucket).key("k")).asUtf8String());
            eastSqs.listQueues();
        }
    }

    @Test
    void latencyDelaysEveryRequest() {
        try (SqsClient east = ds.sqs(DevRegion.PRIMARY)) {
            east.listQueues();
            ds.faults().set(Service.SQS, DevRegion.PRIMARY, FaultSpec.latency(300));
            long started = System.nanoTime();
            east.listQueues();
            assertTrue(System.nanoTime() - started >= 300_000_000L, "the request waited the injected latency");
        }
    }

    private static String bucket(DevRegion region) {
        String name = "faults-" + UUID.randomUUID().toString().substring(0, 8) + "-" + region.id();
        try (S3Client s3 = ds.s3(region)) {
            s3.createBucket(b -> b.bucket(name));
            s3.putObject(b -> b.bucket(name).key("k"), RequestBody.fromString(region == DevRegion.PRIMARY ? "east" : "west"));
        }
        return name;
    }
}
