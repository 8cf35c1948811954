package io.paydr.tools;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.paydr.aws.AwsClients;
import io.paydr.aws.AwsConfigException;
import io.paydr.aws.AwsEnvironment;
import io.paydr.contract.ContentEncoding;
import io.paydr.contract.ContractViolationException;
import io.paydr.contract.MessageRejectedException;
import io.paydr.contract.NdjsonReader;
import io.paydr.contract.PaymentTransaction;
import io.paydr.publisher.PaymentPublisher;
import io.paydr.publisher.PublishException;
import io.paydr.publisher.PublishReceipt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Publishes payments from a JSON Lines or CSV file (or stdin) in batches through {@link PaymentPublisher}, printing
 * one JSON receipt line per batch to stdout. Errors go to stderr; a failed batch names the batch id to retry with.
 */
@Command(name = "publish", mixinStandardHelpOptions = true, versionProvider = ToolsCli.Version.class,
        synopsisHeading = "usage: ",
        description = "Publishes payments from FILE (or stdin) in batches, printing one JSON receipt line per batch.",
        footer = {"Input: v1 JSON Lines, or CSV with a header row naming the seven columns",
                "  (transaction_id,merchant_id,amount_minor,currency,status,occurred_at,source_region).",
                "AWS: the standard credential and Region chain; AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_SNS and",
                "  PAYDR_S3_PATH_STYLE=true point it at devstack or another endpoint.",
                "Exit codes: 0 all published, 1 bad input or publish failure, 2 usage error."})
public final class PublishCommand implements Callable<Integer> {

    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;
    static final int DEFAULT_BATCH_SIZE = 1_000;
    private static final JsonFactory JSON = new JsonFactory();

    enum InputFormat { NDJSON, CSV }

    @Spec
    private CommandSpec spec;
    @Option(names = "--bucket", required = true, paramLabel = "BUCKET", description = "payload bucket")
    private String bucket;
    @Option(names = "--topic-arn", required = true, paramLabel = "ARN", description = "SNS topic ARN")
    private String topicArn;
    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "" + DEFAULT_BATCH_SIZE,
            description = "records per batch (default ${DEFAULT-VALUE})")
    private int batchSize;
    @Option(names = "--gzip", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "gzip payloads (default --gzip)")
    private boolean gzip;
    @Option(names = "--kms-key-id", paramLabel = "KEY", description = "SSE-KMS key (default SSE-S3)")
    private String kmsKeyId;
    @Option(names = "--key-prefix", paramLabel = "PREFIX", description = "key prefix (default payments/v1)")
    private String keyPrefix;
    @Option(names = "--format", paramLabel = "ndjson|csv",
            description = "input format (default: csv for *.csv files, else ndjson)")
    private String format;
    @Parameters(arity = "0..1", paramLabel = "FILE|-", description = "input file; - or none reads stdin")
    private String file;

    private final Map<String, String> env;
    private final InputStream stdin;
    private final PrintStream out;
    private final PrintStream err;

    PublishCommand(Map<String, String> env, InputStream stdin, PrintStream out, PrintStream err) {
        this.env = env;
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.in, System.out, System.err));
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, Map<String, String> env, InputStream stdin, PrintStream out,
                          PrintStream err) {
        return ToolsCli.execute(new PublishCommand(env, stdin, out, err), args, out, err);
    }

    @Override
    public Integer call() {
        if (batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be a positive integer");
        }
        InputFormat inputFormat = inputFormat();
        try (AwsClients clients = AwsClients.create(AwsEnvironment.forRegion(env, AwsEnvironment.defaultRegion(env)));
             InputStream in = open(); PaymentPublisher publisher = publisher(clients.s3(), clients.sns())) {
            return publishAll(records(inputFormat, in), batchSize, publisher, out, err);
        } catch (NoSuchFileException e) {
            err.println("publish: no such file " + e.getFile());
            return EXIT_USAGE;
        } catch (IllegalArgumentException | AwsConfigException e) {
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

    private InputFormat inputFormat() {
        if (format == null) {
            return file != null && file.toLowerCase(Locale.ROOT).endsWith(".csv") ? InputFormat.CSV
                    : InputFormat.NDJSON;
        }
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "ndjson", "jsonl" -> InputFormat.NDJSON;
            case "csv" -> InputFormat.CSV;
            default -> throw new ParameterException(spec.commandLine(), "--format must be ndjson or csv, not '"
                    + format + "'");
        };
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

    private PaymentPublisher publisher(S3Client s3, SnsClient sns) {
        var builder = PaymentPublisher.builder().s3Client(s3).snsClient(sns).bucket(bucket)
                .topicArn(topicArn).gzip(gzip).maxRecords(Math.max(batchSize, 1));
        if (kmsKeyId != null) {
            builder.kmsKeyId(kmsKeyId);
        }
        if (keyPrefix != null) {
            builder.keyPrefix(keyPrefix);
        }
        return builder.build();
    }

    private InputStream open() throws IOException {
        return file != null && !file.equals("-") ? Files.newInputStream(Path.of(file)) : stdin;
    }

    private static Iterator<PaymentTransaction> records(InputFormat format, InputStream in) {
        if (format == InputFormat.CSV) {
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
