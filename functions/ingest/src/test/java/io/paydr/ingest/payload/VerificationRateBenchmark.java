package io.paydr.ingest.payload;

import io.paydr.contract.ContentEncoding;
import io.paydr.contract.PayloadAttributes;
import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.Sha256;
import io.paydr.ingest.config.VerificationBudget;
import io.paydr.aws.Deadline;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * How fast one thread verifies a payload, the figure behind {@link VerificationBudget#VERIFY_BYTES_PER_SECOND}:
 * SHA-256 of the stored bytes, gunzip, decode and validate every record, hash and stage it (in memory, as a
 * payload of one part does), for payloads that load by COPY. Also the compression ratio of realistic payloads, the
 * figure behind MAX_COMPRESSION_RATIO. Prints medians of 7 runs after 3 warm-up runs; not a test.
 *
 * <pre>mvn -B -q -pl functions/ingest -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
 *     -Dmdep.includeScope=test &amp;&amp; java -cp functions/ingest/target/test-classes:functions/ingest/target/classes:$(cat \
 *     functions/ingest/target/cp.txt) io.paydr.ingest.payload.VerificationRateBenchmark</pre>
 */
public final class VerificationRateBenchmark {
    private VerificationRateBenchmark() {
    }

    public static void main(String[] args) {
        Random random = new Random(7);
        List<PaymentTransaction> records = new ArrayList<>();
        String[] merchants = {"merchant-0001", "Caf\u00e9 du Nord", "ACME Payments Ltd", "m-42", "\u65e5\u672c\u5546\u5e97"};
        for (int i = 0; i < 100_000; i++) {
            records.add(new PaymentTransaction("tx-" + Long.toHexString(random.nextLong()), merchants[i % merchants.length],
                    random.nextInt(1_000_000), i % 3 == 0 ? "USD" : "EUR", PaymentStatus.values()[i % 5],
                    Instant.parse("2026-11-25T00:00:00Z").plusMillis(random.nextInt(86_400_000)), "us-east-1"));
        }
        for (ContentEncoding encoding : ContentEncoding.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            io.paydr.contract.NdjsonWriter.writeAll(records, out, encoding);
            byte[] stored = out.toByteArray();
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            io.paydr.contract.NdjsonWriter.writeAll(records, plain, ContentEncoding.IDENTITY);
            long decoded = plain.size();
            PayloadAttributes attributes = PayloadAttributes.payments(records.size(), Sha256.hexOf(stored), "b",
                    encoding, stored.length);
            VerificationLimits limits = new VerificationLimits(1L << 30, 1000);
            double[] seconds = new double[7];
            for (int run = -3; run < seconds.length; run++) {
                long started = System.nanoTime();
                PayloadVerifier.Result result = PayloadVerifier.verify(new ByteArrayInputStream(stored), attributes, 0,
                        limits, Deadline.after(Duration.ofMinutes(5)), StagingOutput::inMemory);
                long elapsed = System.nanoTime() - started;
                if (result.recordCount() != records.size()) {
                    throw new IllegalStateException("verified " + result.recordCount());
                }
                if (run >= 0) {
                    seconds[run] = elapsed / 1e9;
                }
            }
            Arrays.sort(seconds);
            double median = seconds[seconds.length / 2];
            System.out.printf("%-8s 100k records, %.1f MB decoded, %.1f MB stored (ratio %.1f:1): verify %.0f ms,"
                            + " %.1f MB/s decoded, %.0fk records/s (planning figure: %d MB/s per vCPU)%n",
                    encoding.headerValue(), decoded / 1e6, stored.length / 1e6, (double) decoded / stored.length,
                    median * 1000, decoded / 1e6 / median, records.size() / median / 1000,
                    VerificationBudget.VERIFY_BYTES_PER_SECOND / 1_000_000);
        }
    }
}
