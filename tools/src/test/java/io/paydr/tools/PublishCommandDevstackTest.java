package io.paydr.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paydr.contract.ContentEncoding;
import io.paydr.contract.Fixtures;
import io.paydr.contract.NdjsonReader;
import io.paydr.contract.NdjsonWriter;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.Sha256;
import io.paydr.devstack.DevRegion;
import io.paydr.publisher.DevstackFanout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The command configured only by devstack's environment variables, as an operator would run it. */
class PublishCommandDevstackTest {

    @TempDir
    Path dir;

    @Test
    void publishesAFileInBatchesThatArriveInBothRegions() throws IOException {
        try (DevstackFanout fanout = new DevstackFanout("cli")) {
            List<PaymentTransaction> records = Fixtures.batch(2_500);
            Path file = dir.resolve("payments.jsonl");
            try (OutputStream out = Files.newOutputStream(file)) {
                NdjsonWriter.writeAll(records, out, ContentEncoding.IDENTITY);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = PublishCommand.run(new String[]{"--bucket", fanout.bucket, "--topic-arn", fanout.topicArn,
                            "--batch-size", "1000", "--kms-key-id", "alias/paydr", file.toString()},
                    fanout.devstack.environment(DevRegion.PRIMARY), new ByteArrayInputStream(new byte[0]),
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(0, code, err.toString(StandardCharsets.UTF_8));

            List<PaymentTransaction> roundTrip = new ArrayList<>();
            String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
            assertEquals(3, lines.length);
            for (String line : lines) {
                JsonNode receipt = new ObjectMapper().readTree(line);
                byte[] stored = fanout.s3.getObjectAsBytes(b -> b.bucket(fanout.bucket)
                        .key(receipt.get("key").asText())).asByteArray();
                assertEquals(receipt.get("sha256").asText(), Sha256.hexOf(stored));
                try (NdjsonReader r = NdjsonReader.open(new ByteArrayInputStream(stored), ContentEncoding.GZIP)) {
                    r.forEachRemaining(roundTrip::add);
                }
            }
            assertEquals(records, roundTrip, "every record published once, in order");
            assertEquals(3, fanout.receive(DevRegion.PRIMARY, 3, 15_000).size());
            assertEquals(3, fanout.receive(DevRegion.SECONDARY, 3, 15_000).size());
        }
    }
}
