package io.paydr.devstack.bench;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.faults.Faults;
import io.paydr.devstack.internal.Clients;
import io.paydr.devstack.s3.S3Server;
import io.paydr.devstack.sqs.SqsServer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.stream.IntStream;

/**
 * What the fault fronts cost, measured side by side in one run, one thread, no faults set:
 * S3 GET throughput through s3proxy with and without the fault filter, and SQS send+receive+delete
 * throughput through the front and straight to ElasticMQ. Rounds alternate between the two so machine noise
 * hits both alike; medians are printed.
 * <pre>FrontOverheadBenchmark [rounds]</pre> on the module's test classpath (the command is in docs/benchmarks.md).
 */
public final class FrontOverheadBenchmark {

    private static final int OBJECT_BYTES = 64 << 20;
    private static final int MESSAGES_PER_ROUND = 500;

    private FrontOverheadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Faults faults = new Faults();
        try (S3Server filtered = S3Server.start(faults, null); S3Server bare = S3Server.startWithoutFaults(null);
             SqsServer sqs = SqsServer.start(DevRegion.PRIMARY, faults)) {
            compare("S3 GET 64 MiB, MB/s", rounds, "bare s3proxy", s3Get(bare), "with fault filter", s3Get(filtered));
            compare("SQS send+receive+delete (batches of 10), msg/s", rounds,
                    "ElasticMQ direct", sqsRoundTrip(sqs.elasticMqEndpoint()), "through front", sqsRoundTrip(sqs.endpoint()));
        }
    }

    private static void compare(String what, int rounds, String baseName, DoubleSupplier base, String otherName,
                                DoubleSupplier other) {
        base.getAsDouble();
        other.getAsDouble();
        double[] b = new double[rounds];
        double[] o = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            b[i] = base.getAsDouble();
            o[i] = other.getAsDouble();
        }
        double mb = median(b);
        double mo = median(o);
        System.out.printf("%s (median of %d rounds)%n  %-18s %10.0f%n  %-18s %10.0f%n  ratio %.3f%n",
                what, rounds, baseName, mb, otherName, mo, mo / mb);
    }

    private static DoubleSupplier s3Get(S3Server server) {
        URI object;
        try (S3Client s3 = Clients.build(S3Client.builder().forcePathStyle(true), server.endpoint(), DevRegion.PRIMARY)) {
            s3.createBucket(b -> b.bucket("bench"));
            byte[] payload = new byte[OBJECT_BYTES];
            Arrays.fill(payload, (byte) 'x');
            s3.putObject(b -> b.bucket("bench").key("object"), RequestBody.fromBytes(payload));
            object = server.endpoint().resolve("/bench/object");
        }
        return () -> {
            long started = System.nanoTime();
            long read = get(object);
            return read / 1e6 / ((System.nanoTime() - started) / 1e9);
        };
    }

    /** Plain HTTP GET into a reused buffer: measures the server, not the SDK's client-side work. */
    private static long get(URI object) {
        try {
            HttpURLConnection c = (HttpURLConnection) object.toURL().openConnection();
            long total = 0;
            byte[] buffer = new byte[1 << 16];
            try (InputStream in = c.getInputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    total += n;
                }
            }
            if (total != OBJECT_BYTES) {
                throw new IllegalStateException("read " + total + " bytes, expected " + OBJECT_BYTES);
            }
            return total;
        } catch (IOException e) {
            throw new IllegalStateException("GET " + object + " failed: " + e.getMessage(), e);
        }
    }

    private static DoubleSupplier sqsRoundTrip(URI endpoint) {
        SqsClient sqs = Clients.build(SqsClient.builder(), endpoint, DevRegion.PRIMARY);
        String queueUrl = sqs.createQueue(b -> b.queueName("bench-" + endpoint.getPort())).queueUrl();
        return () -> {
            long started = System.nanoTime();
            for (int sent = 0; sent < MESSAGES_PER_ROUND; sent += 10) {
                List<SendMessageBatchRequestEntry> batch = IntStream.range(0, 10)
                        .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("{\"n\":" + i + "}").build())
                        .toList();
                sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(batch));
            }
            int received = 0;
            while (received < MESSAGES_PER_ROUND) {
                List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
                List<DeleteMessageBatchRequestEntry> deletes = new ArrayList<>();
                for (Message m : got) {
                    deletes.add(DeleteMessageBatchRequestEntry.builder().id("d" + deletes.size()).receiptHandle(m.receiptHandle()).build());
                }
                if (!deletes.isEmpty()) {
                    sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(deletes));
                }
                received += got.size();
            }
            return MESSAGES_PER_ROUND / ((System.nanoTime() - started) / 1e9);
        };
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
