package io.paydr.local.invoke;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.paydr.contract.ContentEncoding;
import io.paydr.contract.InboundMessage;
import io.paydr.contract.MessageRejectedException;
import io.paydr.contract.PayloadPointer;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.ingest.config.IngestConfig;
import io.paydr.ingest.payload.ReceivedMessage;
import io.paydr.ingest.schema.MigrateCommand;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Creates on devstack what an event needs before the function runs, as a deployed stack and the payment app would
 * have: the warehouse schema (the ingest module's migration), the buckets the environment names, the payload object
 * of every pointer whose fixture sits beside its event file and, for a drain, the queue QUEUE_URL names with a backlog
 * of SQS messages. A fixture is {@code <event>.payload.jsonl}, gzipped here when the message's content_encoding says
 * gzip; or {@code <event>.payload.jsonl.gz}, stored as it is (its bytes are what payload_sha256 was computed over).
 * Returns one line per thing it did, for the report.
 */
final class EventProvisioner implements AutoCloseable {

    private final Devstack devstack;
    private final DevRegion region;
    private final S3Client s3;
    private final List<String> done = new ArrayList<>();
    private final Set<String> buckets = new LinkedHashSet<>();

    EventProvisioner(Devstack devstack, DevRegion region) {
        this.devstack = devstack;
        this.region = region;
        this.s3 = devstack.s3(region);
    }

    @Override
    public void close() {
        s3.close();
    }

    List<String> done() {
        return List.copyOf(done);
    }

    void migrateSchema(Map<String, String> environment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = MigrateCommand.run(new String[0], environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw InvokeException.usage("schema migration of the " + region.id() + " warehouse failed (exit " + status
                    + "): " + err.toString(StandardCharsets.UTF_8).strip());
        }
        done.add("schema: " + out.toString(StandardCharsets.UTF_8).strip().replace(System.lineSeparator(), "; "));
    }

    /** The buckets of ALLOWED_BUCKETS, REPLICA_BUCKETS and STAGING_BUCKET. */
    void createBuckets(Map<String, String> environment) {
        List<String> names = new ArrayList<>();
        names.addAll(list(environment.get(IngestConfig.ALLOWED_BUCKETS)));
        list(environment.get(IngestConfig.REPLICA_BUCKETS)).forEach(pair -> names.addAll(List.of(pair.split("="))));
        names.addAll(list(environment.get(IngestConfig.STAGING_BUCKET)));
        names.forEach(this::bucket);
    }

    /** Puts the payload each pointer in the event names, from the fixture beside the event file. */
    void seedPayloads(SQSEvent event, Path eventFile) {
        Set<String> seeded = new LinkedHashSet<>();
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            ReceivedMessage message = ReceivedMessage.fromLambda(record);
            InboundMessage inbound;
            try {
                inbound = InboundMessage.parse(message.body(), message.attributes());
            } catch (MessageRejectedException e) {
                done.add("message " + record.getMessageId() + ": nothing to seed (" + e.reason() + ")");
                continue;
            }
            if (inbound.pointer().isEmpty()) {
                continue; // inline payload: nothing in S3
            }
            PayloadPointer pointer = inbound.pointer().get();
            ContentEncoding encoding = inbound.attributes().contentEncoding();
            Path stored = storedFixtureOf(eventFile);
            Path fixture = fixtureOf(eventFile);
            if (encoding == ContentEncoding.GZIP && Files.isRegularFile(stored)) {
                if (seeded.add(pointer.s3Uri())) {
                    put(pointer, stored, ContentEncoding.IDENTITY, encoding);
                }
            } else if (!Files.isRegularFile(fixture)) {
                done.add(pointer.s3Uri() + ": not seeded, no fixture " + fixture.getFileName());
            } else if (seeded.add(pointer.s3Uri())) {
                put(pointer, fixture, encoding, encoding);
            }
        }
    }

    /** Creates the queue QUEUE_URL names (its last path segment) and returns its devstack URL. */
    String queue(String configuredUrl) {
        String name = configuredUrl.substring(configuredUrl.lastIndexOf('/') + 1);
        try (SqsClient sqs = devstack.sqs(region)) {
            String url = sqs.createQueue(r -> r.queueName(name)).queueUrl();
            done.add("queue " + name + ": " + url);
            return url;
        }
    }

    /** Sends every record of the SQS event files to the queue (body and String/Number attributes), seeding their payloads. */
    void sendBacklog(String queueUrl, List<Path> eventFiles) {
        int sent = 0;
        try (SqsClient sqs = devstack.sqs(region)) {
            for (Path file : eventFiles) {
                SQSEvent event = EventFiles.convert(EventFiles.tree(file), SQSEvent.class, file);
                seedPayloads(event, file);
                for (SQSEvent.SQSMessage record : event.getRecords()) {
                    Map<String, MessageAttributeValue> attributes = attributes(record);
                    sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(record.getBody()).messageAttributes(attributes));
                    sent++;
                }
            }
        }
        done.add("backlog: " + sent + " messages from " + eventFiles.stream().map(p -> p.getFileName().toString()).toList());
    }

    static Path fixtureOf(Path eventFile) {
        String name = eventFile.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        return eventFile.resolveSibling(stem + ".payload.jsonl");
    }

    /** The fixture as the publisher stored it (already gzipped). */
    static Path storedFixtureOf(Path eventFile) {
        Path fixture = fixtureOf(eventFile);
        return fixture.resolveSibling(fixture.getFileName() + ".gz");
    }

    /** Puts the fixture, encoded here with {@code encodeWith}; {@code stored} is the encoding the object ends up in. */
    private void put(PayloadPointer pointer, Path fixture, ContentEncoding encodeWith, ContentEncoding stored) {
        bucket(pointer.bucket());
        byte[] bytes = encoded(fixture, encodeWith);
        s3.putObject(r -> r.bucket(pointer.bucket()).key(pointer.key()), RequestBody.fromBytes(bytes));
        done.add(pointer.s3Uri() + ": " + bytes.length + " bytes (" + stored.headerValue() + ") from "
                + fixture.getFileName());
    }

    private void bucket(String name) {
        if (!buckets.add(name)) {
            return;
        }
        DevRegion location = locationOf(name);
        // devstack records a bucket's Region from the signing Region of its CreateBucket, as S3 is a Regional service
        try (S3Client regional = devstack.s3(location)) {
            regional.createBucket(r -> {
                r.bucket(name);
                if (location != DevRegion.PRIMARY) {
                    r.createBucketConfiguration(c -> c.locationConstraint(location.id()));
                }
            });
            done.add("bucket " + name + " (" + location.id() + ")");
        } catch (BucketAlreadyOwnedByYouException alreadyThere) {
            // an earlier invocation against the same devstack created it
        }
    }

    /** The naming scheme paydr-payloads-REGION puts a bucket in its Region; any other bucket goes in this one. */
    private DevRegion locationOf(String bucket) {
        for (DevRegion r : DevRegion.values()) {
            if (bucket.endsWith("-" + r.id())) {
                return r;
            }
        }
        return region;
    }

    private static byte[] encoded(Path fixture, ContentEncoding encoding) {
        try {
            byte[] raw = Files.readAllBytes(fixture);
            if (encoding != ContentEncoding.GZIP) {
                return raw;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(raw);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fixture " + fixture, e);
        }
    }

    private static Map<String, MessageAttributeValue> attributes(SQSEvent.SQSMessage record) {
        Map<String, MessageAttributeValue> attributes = new HashMap<>();
        if (record.getMessageAttributes() != null) {
            record.getMessageAttributes().forEach((name, value) -> {
                if (value.getStringValue() != null) {
                    attributes.put(name, MessageAttributeValue.builder().dataType(value.getDataType())
                            .stringValue(value.getStringValue()).build());
                }
            });
        }
        return attributes;
    }

    private static List<String> list(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank() ? List.of()
                : List.of(commaSeparated.split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
