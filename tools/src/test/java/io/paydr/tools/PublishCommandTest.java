package io.paydr.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paydr.contract.Fixtures;
import io.paydr.contract.NdjsonWriter;
import io.paydr.contract.ContentEncoding;
import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;
import io.paydr.publisher.StubAwsEndpoint;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.BufferedReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The command's options, input formats, receipts and exit codes (AWS side: stub endpoints on real sockets). */
class PublishCommandTest {

    private static final String TOPIC = "arn:aws:sns:us-east-1:000000000000:paydr-payments";

    @TempDir
    Path dir;
    @AutoClose
    private final StubAwsEndpoint s3 = StubAwsEndpoint.ok("");
    @AutoClose
    private final StubAwsEndpoint sns = StubAwsEndpoint.ok(StubAwsEndpoint.SNS_PUBLISH_OK);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Map<String, String> env() {
        return Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "y",
                "AWS_ENDPOINT_URL_S3", s3.uri().toString(), "AWS_ENDPOINT_URL_SNS", sns.uri().toString(),
                "PAYDR_S3_PATH_STYLE", "true");
    }

    private int run(byte[] stdin, String... args) {
        return PublishCommand.run(args, env(), new ByteArrayInputStream(stdin),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<JsonNode> receipts() throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(new ObjectMapper().readTree(line));
            }
        }
        return lines;
    }

    @Test
    void publishesNdjsonFromStdinInBatchesWithOneReceiptPerBatch() throws IOException {
        ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
        NdjsonWriter.writeAll(Fixtures.batch(25), ndjson, ContentEncoding.IDENTITY);
        int code = run(ndjson.toByteArray(), "--bucket", "payloads", "--topic-arn", TOPIC, "--batch-size", "10",
                "--no-gzip");
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        List<JsonNode> receipts = receipts();
        assertEquals(List.of(10L, 10L, 5L), receipts.stream().map(r -> r.get("record_count").asLong()).toList());
        for (JsonNode r : receipts) {
            assertEquals("payloads", r.get("bucket").asText());
            assertTrue(r.get("key").asText().endsWith(".jsonl"), r.toString());
            assertEquals(64, r.get("sha256").asText().length());
            assertEquals("stub-message-1", r.get("sns_message_id").asText());
        }
        assertEquals(3, s3.requests().stream().filter(r -> !r.contains("/batch-ids/")).count(), "a payload per batch");
        assertEquals(3, sns.requests().size());
    }

    @Test
    void publishesCsvFromAFileWithColumnsInAnyOrder() throws IOException {
        Path csv = dir.resolve("payments.csv");
        Files.writeString(csv, String.join("\n",
                "currency,transaction_id,merchant_id,amount_minor,status,occurred_at,source_region",
                "EUR,tx-1,\"Shop, \"\"Main\"\" St\",1999,CAPTURED,2026-11-25T16:38:15.123Z,us-east-1",
                "",
                "USD,tx-2,m2,-5,REFUNDED,2026-11-25T16:38:16Z,us-west-2", ""));
        assertEquals(0, run(new byte[0], "--bucket", "payloads", "--topic-arn", TOPIC, csv.toString()),
                err.toString(StandardCharsets.UTF_8));
        assertEquals(2, receipts().get(0).get("record_count").asLong());
    }

    @Test
    void csvReaderKeepsQuotedCommasAndQuotes() {
        CsvRecordReader r = new CsvRecordReader(new BufferedReader(new StringReader(
                "transaction_id,merchant_id,amount_minor,currency,status,occurred_at,source_region\n"
                        + "t1,\"a,\"\"b\"\"\",7,EUR,DECLINED,2026-11-25T16:38:15.123Z,eu-west-1\r\n")));
        assertEquals(new PaymentTransaction("t1", "a,\"b\"", 7, "EUR", PaymentStatus.DECLINED,
                Instant.parse("2026-11-25T16:38:15.123Z"), "eu-west-1"), r.next());
        assertFalse(r.hasNext());
    }

    @Test
    void csvErrorsNameTheLine() {
        String header = "transaction_id,merchant_id,amount_minor,currency,status,occurred_at,source_region\n";
        String bad = header + "t1,m,7,EUR,CAPTURED,2026-11-25T16:38:15.123Z,us-east-1\nt2,m,7.5,EUR,CAPTURED,x,us-east-1\n";
        assertEquals(1, run(bad.getBytes(StandardCharsets.UTF_8), "--bucket", "b", "--topic-arn", TOPIC,
                "--format", "csv"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("line 3: amount_minor must be an integer"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), s3.requests(), "the batch holding the bad line is never sent");
    }

    @Test
    void invalidRecordsFailTheirBatchWithTheViolations() throws IOException {
        String csvWithBadCurrency = "transaction_id,merchant_id,amount_minor,currency,status,occurred_at,source_region\n"
                + "t1,m,7,EUR,CAPTURED,2026-11-25T16:38:15.123Z,us-east-1\n"
                + "t2,m,7,euro,CAPTURED,2026-11-25T16:38:15.123Z,us-east-1\n";
        assertEquals(1, run(csvWithBadCurrency.getBytes(StandardCharsets.UTF_8), "--bucket", "b", "--topic-arn", TOPIC,
                "--format", "csv", "--batch-size", "1"));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("batch 2 (input records from 2) is invalid"), e);
        assertTrue(e.contains("field currency"), e);
        assertTrue(e.contains("1 record(s) in 1 batch(es) were published"), e);
        assertEquals(1, receipts().size());
    }

    @Test
    void usageErrorsAreClearAndExitWith2() {
        assertEquals(2, run(new byte[0], "--topic-arn", TOPIC));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Missing required option: '--bucket=BUCKET'"));
        err.reset();
        assertEquals(2, run(new byte[0], "--bucket", "b", "--topic-arn", TOPIC, "--batch-size", "0"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--batch-size must be a positive integer"));
        err.reset();
        assertEquals(2, run(new byte[0], "--bucket", "b", "--topic-arn", TOPIC, "--colour"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Unknown option: '--colour'"));
        err.reset();
        assertEquals(2, run(new byte[0], "--bucket", "b", "--topic-arn", TOPIC, dir.resolve("none.jsonl").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no such file"), err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(2, run(new byte[0], "--bucket", "b", "--topic-arn", "not-an-arn"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("topicArn must be an SNS topic ARN"));
        assertEquals(0, run(new byte[0], "--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("usage: publish"));
    }
}
