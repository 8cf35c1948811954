package io.paydr.publisher.bench;

import io.paydr.contract.AttributeNames;
import io.paydr.contract.ContentEncoding;
import io.paydr.contract.NdjsonWriter;
import io.paydr.contract.PayloadAttributes;
import io.paydr.contract.PayloadPointer;
import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.PointerCodec;
import io.paydr.contract.Sha256;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.devstack.DevstackOptions;
import io.paydr.publisher.DevstackFanout;
import io.paydr.contract.PaymentValidator;
import io.paydr.publisher.PaymentPublisher;
import io.paydr.publisher.internal.PayloadUploader;
import io.paydr.publisher.internal.PointerNotifier;
import io.paydr.publisher.internal.EncodedBatch;
import io.paydr.publisher.internal.PayloadStore;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Publish throughput and the publisher's overhead, measured side by side in one run on an own devstack: each
 * round times {@code PaymentPublisher.publish(batch)} (validate, serialize, digest, the batch-id claim, PutObject
 * with SSE, checksum and metadata, SNS Publish with 7 attributes) and a bare S3 PutObject + SNS Publish of the same bytes (serialized
 * beforehand, outside the timing), alternating which goes first. It also times the publisher's two halves apart
 * (local work without I/O, and its I/O for a ready payload) to show where a difference comes from. Prints medians, the ratio publish/bare and
 * throughput, per content encoding. The SNS topic fans out to one queue per Region with raw delivery, as deployed.
 *
 * <p>Run with the module's test classpath (the command is in docs/benchmarks.md):
 * {@code PublishBenchmark [--batches 40] [--warmup 10] [--records 10000] [--encoding identity|gzip|both]}.
 */
public final class PublishBenchmark {

    private static final Path SPOOL = Path.of(System.getProperty("java.io.tmpdir"));

    private PublishBenchmark() {
    }

    public static void main(String[] args) {
        Options o = Options.parse(args);
        List<List<PaymentTransaction>> batches = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            batches.add(syntheticBatch(o.records, new Random(b)));
        }
        System.out.printf("starting devstack ...%n");
        try (Devstack devstack = Devstack.start(DevstackOptions.defaults());
             DevstackFanout fanout = new DevstackFanout(devstack, "bench")) {
            System.out.printf("devstack up in %d ms; %d-record batches, %d warm-up + %d measured rounds per encoding, "
                    + "%d cores%n", devstack.startupTime().toMillis(), o.records, o.warmup, o.batches,
                    Runtime.getRuntime().availableProcessors());
            for (ContentEncoding encoding : o.encodings) {
                run(fanout, encoding, batches, o).print(encoding, o.records);
                fanout.receive(DevRegion.PRIMARY, Integer.MAX_VALUE, 500);
                fanout.receive(DevRegion.SECONDARY, Integer.MAX_VALUE, 500);
            }
        }
    }

    private static Result run(DevstackFanout fanout, ContentEncoding encoding, List<List<PaymentTransaction>> batches,
                              Options o) {
        Result result = new Result(o.batches);
        PayloadStore store = new PayloadStore(fanout.s3, fanout.bucket, "io-only", null,
                new PayloadUploader(fanout.s3, null, 16L << 20, 8L << 20));
        PointerNotifier notifier = new PointerNotifier(fanout.sns, fanout.topicArn);
        try (PaymentPublisher publisher = PaymentPublisher.builder().s3Client(fanout.s3).snsClient(fanout.sns)
                .bucket(fanout.bucket).topicArn(fanout.topicArn).gzip(encoding == ContentEncoding.GZIP)
                .maxRecords(o.records).build()) {
            for (int round = 0; round < o.warmup + o.batches; round++) {
                List<PaymentTransaction> batch = batches.get(round % batches.size());
                long local;
                long io;
                long localStarted = System.nanoTime();
                PaymentValidator.requireValid(batch);
                try (EncodedBatch encoded = EncodedBatch.encode(batch, encoding, 8L << 20, 8L << 20, SPOOL)) {
                    local = System.nanoTime() - localStarted;
                    io = ioOnly(fanout, store, notifier, encoding, encoded, round);
                }
                byte[] bytes = serialize(batch, encoding);
                boolean publishFirst = round % 2 == 0;
                long bare = 0;
                if (!publishFirst) {
                    bare = bare(fanout, encoding, bytes, batch.size(), round);
                }
                long started = System.nanoTime();
                long stored = publisher.publish(batch).bytes();
                long publish = System.nanoTime() - started;
                if (publishFirst) {
                    bare = bare(fanout, encoding, bytes, batch.size(), round);
                }
                if (round >= o.warmup) {
                    result.add(round - o.warmup, publish, bare, local, io, stored);
                }
            }
        }
        return result;
    }

    /**
     * The publisher's own I/O steps for an already encoded batch: the batch-id claim and the payload (PutObjects
     * with their settings), then the pointer.
     */
    private static long ioOnly(DevstackFanout fanout, PayloadStore store, PointerNotifier notifier,
                               ContentEncoding encoding, EncodedBatch batch, int round) {
        String batchId = "io-only-" + encoding.headerValue() + "-" + round;
        String key = "io-only/" + encoding.headerValue() + "/" + round + "/" + batchId + encoding.keySuffix();
        long started = System.nanoTime();
        PayloadStore.StoredPayload stored = store.store(batchId, key, Instant.now(), batch);
        notifier.publish(new PayloadPointer(fanout.bucket, stored.key()), PayloadAttributes.payments(
                batch.recordCount(), stored.sha256(), batchId, encoding, stored.bytes()));
        return System.nanoTime() - started;
    }

    /** A bare PutObject of ready bytes and an SNS Publish of the same pointer message; returns nanoseconds. */
    private static long bare(DevstackFanout fanout, ContentEncoding encoding, byte[] bytes, int records, int round) {
        String key = "bare/" + encoding.headerValue() + "/" + round + encoding.keySuffix();
        PayloadAttributes attrs = PayloadAttributes.payments(records, Sha256.hexOf(bytes), "bare-" + round, encoding,
                bytes.length);
        Map<String, MessageAttributeValue> messageAttributes = new LinkedHashMap<>();
        attrs.toStringAttributes().forEach((k, v) -> messageAttributes.put(k,
                MessageAttributeValue.builder().dataType("String").stringValue(v).build()));
        messageAttributes.put(AttributeNames.EXTENDED_PAYLOAD_SIZE,
                MessageAttributeValue.builder().dataType("Number").stringValue(Long.toString(bytes.length)).build());
        String body = PointerCodec.write(new PayloadPointer(fanout.bucket, key));
        long started = System.nanoTime();
        fanout.s3.putObject(b -> b.bucket(fanout.bucket).key(key), RequestBody.fromBytes(bytes));
        fanout.sns.publish(b -> b.topicArn(fanout.topicArn).message(body).messageAttributes(messageAttributes));
        return System.nanoTime() - started;
    }

    private static byte[] serialize(List<PaymentTransaction> batch, ContentEncoding encoding) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NdjsonWriter.writeAll(batch, out, encoding);
        return out.toByteArray();
    }

    /** Realistic variety: random ids, merchants, amounts, statuses and times within one day. */
    static List<PaymentTransaction> syntheticBatch(int n, Random random) {
        String[] currencies = {"EUR", "USD", "GBP", "JPY", "CHF"};
        Instant day = Instant.parse("2026-11-25T00:00:00Z");
        List<PaymentTransaction> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new PaymentTransaction(Long.toHexString(random.nextLong()) + "-" + i,
                    "merchant-" + random.nextInt(5_000), random.nextInt(1_000_000) - 10_000,
                    currencies[random.nextInt(currencies.length)],
                    PaymentStatus.values()[random.nextInt(PaymentStatus.values().length)],
                    day.plusMillis(random.nextInt(86_400_000)), "us-east-1"));
        }
        return out;
    }

    private record Options(int batches, int warmup, int records, List<ContentEncoding> encodings) {
        static Options parse(String[] args) {
            int batches = 40;
            int warmup = 10;
            int records = 10_000;
            List<ContentEncoding> encodings = List.of(ContentEncoding.IDENTITY, ContentEncoding.GZIP);
            for (int i = 0; i + 1 < args.length; i += 2) {
                switch (args[i]) {
                    case "--batches" -> batches = Integer.parseInt(args[i + 1]);
                    case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                    case "--records" -> records = Integer.parseInt(args[i + 1]);
                    case "--encoding" -> encodings = args[i + 1].equals("both") ? encodings
                            : List.of(ContentEncoding.of(args[i + 1]));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]
                            + "; options: --batches N --warmup N --records N --encoding identity|gzip|both");
                }
            }
            return new Options(batches, warmup, records, encodings);
        }
    }

    private static final class Result {
        private final long[] publish;
        private final long[] bare;
        private final long[] local;
        private final long[] io;
        private long storedBytes;

        Result(int n) {
            publish = new long[n];
            bare = new long[n];
            local = new long[n];
            io = new long[n];
        }

        void add(int i, long publishNanos, long bareNanos, long localNanos, long ioNanos, long stored) {
            local[i] = localNanos;
            io[i] = ioNanos;
            publish[i] = publishNanos;
            bare[i] = bareNanos;
            storedBytes += stored;
        }

        void print(ContentEncoding encoding, int records) {
            double publishMedian = median(publish);
            double bareMedian = median(bare);
            double publishTotal = Arrays.stream(publish).sum() / 1e9;
            double bareTotal = Arrays.stream(bare).sum() / 1e9;
            double mb = storedBytes / 1e6;
            System.out.printf("%n[%s] %d batches x %d records, %.2f MB stored per batch%n", encoding.headerValue(),
                    publish.length, records, mb / publish.length);
            System.out.printf("  publish : median %7.2f ms  p90 %7.2f ms  %6.1f batches/s  %7.1f MB/s  %9.0f records/s%n",
                    publishMedian / 1e6, p90(publish) / 1e6, publish.length / publishTotal, mb / publishTotal,
                    publish.length * (double) records / publishTotal);
            System.out.printf("  bare    : median %7.2f ms  p90 %7.2f ms  %6.1f batches/s  %7.1f MB/s%n",
                    bareMedian / 1e6, p90(bare) / 1e6, bare.length / bareTotal, mb / bareTotal);
            System.out.printf("  publish steps timed apart: local work (validate + encode + SHA-256) median %.2f ms, "
                    + "its I/O alone (PutObject with SSE/checksum/metadata + pointer Publish) median %.2f ms%n",
                    median(local) / 1e6, median(io) / 1e6);
            System.out.printf("  ratio publish/bare: %.2f (medians), %.2f (totals)  goal <= 1.15%n",
                    publishMedian / bareMedian, publishTotal / bareTotal);
        }

        private static double median(long[] values) {
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            int m = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2.0;
        }

        private static double p90(long[] values) {
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * 0.9) - 1)];
        }
    }
}
