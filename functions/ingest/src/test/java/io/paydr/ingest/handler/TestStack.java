package io.paydr.ingest.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.paydr.contract.ContentEncoding;
import io.paydr.contract.NdjsonWriter;
import io.paydr.contract.PayloadKeys;
import io.paydr.contract.PointerCodec;
import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.Sha256;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.ingest.config.IngestConfig;
import io.paydr.ingest.schema.MigrateCommand;
import io.paydr.sam.LambdaEventJson;
import io.paydr.sam.RepoFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One isolated ingest set-up on devstack for a test class: its own schema (migrated through the Data API with the
 * operator's command) in both Regions' warehouses, its own source bucket (us-east-1) and replica bucket (us-west-2),
 * and helpers to publish payloads and to build SQS events in the exact shape Lambda delivers (from the samples
 * in events/).
 */
final class TestStack {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Devstack devstack = Devstack.shared();
    final String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final String sourceBucket = "paydr-it-" + schema.substring(3) + "-src";
    final String replicaBucket = "paydr-it-" + schema.substring(3) + "-replica";
    final String foreignBucket = "paydr-it-" + schema.substring(3) + "-foreign";
    final String stagingBucket = "paydr-it-" + schema.substring(3) + "-staging";
    final S3Client s3 = devstack.s3(DevRegion.PRIMARY);

    /** A payload as the publisher stores it. */
    record Payload(String bucket, String key, String batchId, String sha256, long records, long size,
                   ContentEncoding encoding, byte[] bytes) {
    }

    TestStack() {
        s3.createBucket(b -> b.bucket(sourceBucket));
        s3.createBucket(b -> b.bucket(foreignBucket));
        s3.createBucket(b -> b.bucket(stagingBucket));
        s3.createBucket(b -> b.bucket(replicaBucket).createBucketConfiguration(c -> c.locationConstraint("us-west-2")));
        for (DevRegion region : DevRegion.values()) {
            execute(region, "CREATE SCHEMA " + schema);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = MigrateCommand.run(new String[0], environment(region, Map.of()), new PrintStream(out),
                    new PrintStream(err));
            assertEquals(0, status, "migration failed: " + err);
        }
    }

    /** The function's environment in a Region, with this stack's tables and buckets, plus overrides. */
    Map<String, String> environment(DevRegion region, Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(devstack.environment(region));
        env.put("REGION_ROLE", region == DevRegion.PRIMARY ? "primary" : "secondary");
        env.put("REDSHIFT_WORKGROUP", "paydr-" + region.id());
        env.put("REDSHIFT_DATABASE", "payments");
        env.put("REDSHIFT_SECRET_ARN", "arn:aws:secretsmanager:" + region.id() + ":000000000000:secret:paydr-devstack");
        env.put("DATASET_TABLES", "payments=" + schema + ".payments");
        env.put("LEDGER_TABLE", schema + ".payments_ingest_ledger");
        env.put("ALLOWED_BUCKETS", sourceBucket);
        env.put("STAGING_BUCKET", stagingBucket);
        env.putAll(overrides);
        return env;
    }

    IngestConfig config(DevRegion region, Map<String, String> overrides) {
        return IngestConfig.fromEnvironment(environment(region, overrides));
    }

    static List<PaymentTransaction> payments(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> new PaymentTransaction(prefix + "-" + i, "merchant-" + (i % 13),
                1_000L + i, "EUR", PaymentStatus.values()[i % PaymentStatus.values().length],
                Instant.parse("2026-11-25T16:38:15.123Z").plusSeconds(i), "us-east-1")).toList();
    }

    static byte[] encode(List<PaymentTransaction> records, ContentEncoding encoding) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NdjsonWriter.writeAll(records, out, encoding);
        return out.toByteArray();
    }

    /** Writes the records as a payload object into a bucket under the contract's key layout. */
    Payload publish(String bucket, List<PaymentTransaction> records, ContentEncoding encoding) {
        String batchId = "b-" + UUID.randomUUID();
        String key = PayloadKeys.key(PayloadKeys.DEFAULT_PREFIX, Instant.now(), batchId, encoding);
        byte[] bytes = encode(records, encoding);
        s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
        return new Payload(bucket, key, batchId, Sha256.hexOf(bytes), records.size(), bytes.length, encoding, bytes);
    }

    /** Puts the same object into another bucket (what S3 replication does), returning the payload unchanged. */
    Payload replicate(Payload payload, String toBucket) {
        s3.putObject(r -> r.bucket(toBucket).key(payload.key()), RequestBody.fromBytes(payload.bytes()));
        return payload;
    }

    /** A payload sent inline in the message body (not stored in S3). */
    static Payload inline(List<PaymentTransaction> records) {
        byte[] bytes = encode(records, ContentEncoding.IDENTITY);
        return new Payload(null, null, "b-" + UUID.randomUUID(), Sha256.hexOf(bytes), records.size(), bytes.length,
                ContentEncoding.IDENTITY, bytes);
    }

    /**
     * The user-facing sample in events/ each message shape starts from; "sqs-legacy-pointer" is the legacy-attribute
     * sample with the SQS Extended Client's older pointer class in its body.
     */
    private static final Map<String, String> SAMPLES = Map.of(
            "sqs-pointer", "sqs-pointer-raw.json",
            "sqs-legacy-attribute", "sqs-pointer-legacy-attribute.json",
            "sqs-legacy-pointer", "sqs-pointer-legacy-attribute.json",
            "sqs-inline", "sqs-inline-small.json",
            "sqs-sns-envelope", "sqs-sns-envelope.json");
    private static final String LEGACY_POINTER_CLASS = "com.amazon.sqs.javamessaging.MessageS3Pointer";

    /**
     * One record of a message shape, rendered for a payload: the sample record of events/ with this message's id,
     * send time, pointer (or inline body) and attributes; everything else stays as Lambda delivered the sample.
     */
    static JsonNode record(String shape, Payload payload, String messageId) {
        ObjectNode record = (ObjectNode) sample(SAMPLES.get(shape)).get("Records").get(0).deepCopy();
        String sent = Long.toString(System.currentTimeMillis() - 1_000);
        record.put("messageId", messageId);
        ((ObjectNode) record.get("attributes")).put("SentTimestamp", sent).put("ApproximateFirstReceiveTimestamp", sent);
        // the samples' digests are of their own bodies and attributes; the function does not check them
        record.remove(List.of("md5OfBody", "md5OfMessageAttributes"));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("payload_sha256", payload.sha256());
        values.put("record_count", Long.toString(payload.records()));
        values.put("batch_id", payload.batchId());
        values.put("content_encoding", payload.encoding().headerValue());
        values.put("ExtendedPayloadSize", Long.toString(payload.size()));
        values.put("SQSLargePayloadSize", Long.toString(payload.size()));
        String pointer = pointer(shape.equals("sqs-legacy-pointer") ? LEGACY_POINTER_CLASS : PointerCodec.POINTER_CLASS,
                payload);
        record.get("messageAttributes").fields().forEachRemaining(a -> {
            if (values.containsKey(a.getKey())) {
                ((ObjectNode) a.getValue()).put("stringValue", values.get(a.getKey()));
            }
        });
        if (shape.equals("sqs-inline")) {
            record.put("body", new String(payload.bytes(), StandardCharsets.UTF_8));
        } else if (shape.equals("sqs-sns-envelope")) {
            ObjectNode envelope = (ObjectNode) read(record.get("body").asText());
            envelope.put("Message", pointer);
            envelope.get("MessageAttributes").fields().forEachRemaining(a -> {
                if (values.containsKey(a.getKey())) {
                    ((ObjectNode) a.getValue()).put("Value", values.get(a.getKey()));
                }
            });
            record.put("body", envelope.toString());
        } else {
            record.put("body", pointer);
        }
        return record;
    }

    private static String pointer(String pointerClass, Payload payload) {
        Map<String, String> location = new LinkedHashMap<>();
        location.put("s3BucketName", String.valueOf(payload.bucket()));
        location.put("s3Key", String.valueOf(payload.key()));
        try {
            return JSON.writeValueAsString(List.of(pointerClass, location));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode sample(String file) {
        try {
            return JSON.readTree(RepoFiles.path("events/" + file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An SQS event as Lambda delivers it, deserialised by the Lambda Java runtime's own serializer. */
    static SQSEvent event(JsonNode... records) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode array = event.putArray("Records");
        for (JsonNode r : records) {
            array.add(r);
        }
        return LambdaEventJson.read(event.toString(), SQSEvent.class);
    }

    void execute(DevRegion region, String sql) {
        try (Connection c = DriverManager.getConnection(devstack.jdbcUrl(region)); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** COUNT(*) of {@code <schema>.<table and condition>}. */
    long count(DevRegion region, String sqlAfterFrom) {
        return scalar(region, "SELECT COUNT(*) FROM " + schema + "." + sqlAfterFrom);
    }

    long scalar(DevRegion region, String sql) {
        try (Connection c = DriverManager.getConnection(devstack.jdbcUrl(region)); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long payments(DevRegion region) {
        return count(region, "payments");
    }

    long ledgerRows(DevRegion region) {
        return count(region, "payments_ingest_ledger");
    }
}
