package io.paydr.publisher.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.paydr.contract.ContentEncoding;
import io.paydr.contract.ContractViolationException;
import io.paydr.contract.MessageRejectedException;
import io.paydr.contract.NdjsonReader;
import io.paydr.contract.PaymentTransaction;
import io.paydr.publisher.PaymentPublisher;
import io.paydr.publisher.PublishException;
import io.paydr.publisher.PublishReceipt;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Publishes payments from a JSON Lines or CSV file (or stdin) in batches through {@link PaymentPublisher}, printing
 * one JSON receipt line per batch to stdout. Errors go to stderr; a failed batch names the batch id to retry with.
 * See {@link CliOptions#USAGE}.
 */
public final class PublishCommand {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    private static final JsonFactory JSON = new JsonFactory();

    private PublishCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.in, System.out, System.err));
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, InputStream stdin, PrintStream out,
                          PrintStream err) {
        CliOptions options;
        try {
            options = CliOptions.parse(args);
        } catch (UsageException e) {
            err.println("publish: " + e.getMessage());
            err.println(CliOptions.USAGE);
            return EXIT_USAGE;
        }
        if (options.help()) {
            out.println(CliOptions.USAGE);
            return EXIT_OK;
        }
        EnvironmentClients clients = new EnvironmentClients(env);
        try (InputStream in = open(options, stdin); S3Client s3 = clients.s3(); SnsClient sns = clients.sns();
             PaymentPublisher publisher = publisher(options, s3, sns)) {
            return publishAll(records(options, in), options.batchSize(), publisher, out, err);
        } catch (NoSuchFileException e) {
            err.println("publish: no such file " + e.getFile());
            return EXIT_USAGE;
        } catch (IllegalArgumentException e) {
            err.println("publish: " + e.getMessage());
            return EXIT_USAGE;
        } catch (IOException | UncheckedIOException e) {
            err.println("publish: cannot read the input: " + e.getMessage());
            return EXIT_FAILED;
        } catch (SdkException e) {
            err.println("publish: AWS client setup failed: " + e.getMessage());
            return EXIT_FAILED;
        }
    }

    private static int publishAll(Iterator<PaymentTransaction> records, int batchSize, PaymentPublisher publisher,
                                  PrintStream out, PrintStream err) {
        long published = 0;
        int batchNumber = 0;
        try {
            while (records.hasNext()) {
                List<PaymentTransaction> batch = nextBatch(records, batchSize);
                batchNumber++;
                PublishReceipt receipt = publisher.publish(batch);
                out.println(toJson(receipt));
                out.flush();
                published += batch.size();
            }
            return EXIT_OK;
        } catch (PublishException e) {
            err.println("publish: batch " + batchNumber + " failed: " + e.getMessage());
        } catch (ContractViolationException e) {
            err.println("publish: batch " + batchNumber + " (input records from " + (published + 1) + ") is invalid: "
                    + e.getMessage());
        } catch (MessageRejectedException | CsvRecordReader.InputException e) {
            err.println("publish: bad input after record " + published + ": " + e.getMessage());
        }
        err.println("publish: " + published + " record(s) in " + Math.max(0, batchNumber - 1)
                + " batch(es) were published before the failure");
        return EXIT_FAILED;
    }

    private static List<PaymentTransaction> nextBatch(Iterator<PaymentTransaction> records, int size) {
        List<PaymentTransaction> batch = new ArrayList<>(Math.min(size, 10_000));
        while (batch.size() < size && records.hasNext()) {
            batch.add(records.next());
        }
        return batch;
    }

    private static PaymentPublisher publisher(CliOptions o, S3Client s3, SnsClient sns) {
        var builder = PaymentPublisher.builder().s3Client(s3).snsClient(sns).bucket(o.bucket())
                .topicArn(o.topicArn()).gzip(o.gzip()).maxRecords(Math.max(o.batchSize(), 1));
        o.kmsKeyId().ifPresent(builder::kmsKeyId);
        o.keyPrefix().ifPresent(builder::keyPrefix);
        return builder.build();
    }

    private static InputStream open(CliOptions o, InputStream stdin) throws IOException {
        return o.file().isPresent() ? Files.newInputStream(Path.of(o.file().get())) : stdin;
    }

    private static Iterator<PaymentTransaction> records(CliOptions o, InputStream in) {
        if (o.format() == CliOptions.InputFormat.CSV) {
            return new CsvRecordReader(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        }
        return NdjsonReader.open(in, ContentEncoding.IDENTITY);
    }

    static String toJson(PublishReceipt r) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("batch_id", r.batchId());
            g.writeStringField("bucket", r.bucket());
            g.writeStringField("key", r.key());
            g.writeNumberField("bytes", r.bytes());
            g.writeStringField("sha256", r.sha256());
            g.writeNumberField("record_count", r.recordCount());
            g.writeStringField("sns_message_id", r.snsMessageId());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }
}
