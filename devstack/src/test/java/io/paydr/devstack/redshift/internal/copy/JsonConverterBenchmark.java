package io.paydr.devstack.redshift.internal.copy;

import io.paydr.devstack.redshift.bench.BenchPayload;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * JSON Lines to COPY text, side by side: the byte-level scanner COPY uses ({@link JsonRowConverter}) and the
 * Jackson streaming converter it replaced ({@link JacksonRowConverter}), on the same payment rows, alternating
 * rounds so machine load hits both alike. Prints the median and p90 per round and the difference per 10k rows;
 * it measures the conversion alone (no S3, no PostgreSQL).
 *
 * <p>Usage: {@code JsonConverterBenchmark [rows=10000] [rounds=201] [warmup=200]}.
 */
public final class JsonConverterBenchmark {

    private static final List<String> COLUMNS = List.of("transaction_id", "merchant_id", "amount_minor", "currency",
            "status", "occurred_at", "source_region");

    private JsonConverterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 201;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        byte[] json = BenchPayload.generate(rows).json();
        long[] scanner = new long[rounds];
        long[] jackson = new long[rounds];
        long sink = 0;
        for (int i = -warmup; i < rounds; i++) {
            long t0 = System.nanoTime();
            sink += scanner(json);
            long t1 = System.nanoTime();
            sink += jackson(json);
            long t2 = System.nanoTime();
            if (i >= 0) {
                scanner[i] = t1 - t0;
                jackson[i] = t2 - t1;
            }
        }
        double perTenK = 10_000.0 / rows;
        System.out.printf(Locale.ROOT, "%d rows (%d bytes of JSON Lines), %d rounds after %d warm-up, JDK %s, %d cores%n",
                rows, json.length, rounds, warmup, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "byte scanner (JsonRowConverter)     : median %.2f ms, p90 %.2f ms%n",
                ms(scanner, 50), ms(scanner, 90));
        System.out.printf(Locale.ROOT, "Jackson streaming (JacksonRowConverter): median %.2f ms, p90 %.2f ms%n",
                ms(jackson, 50), ms(jackson, 90));
        System.out.printf(Locale.ROOT, "Jackson - scanner per 10k rows: %.2f ms (median)  [checksum %d]%n",
                (ms(jackson, 50) - ms(scanner, 50)) * perTenK, sink);
    }

    private static long scanner(byte[] json) throws Exception {
        CopyTextBuffer out = new CopyTextBuffer((bytes, length) -> { });
        long n = new JsonRowConverter(COLUMNS, false, null, out).convert(new ByteArrayInputStream(json), line -> { });
        out.flush();
        return n;
    }

    private static long jackson(byte[] json) throws Exception {
        CharCopyTextBuffer out = new CharCopyTextBuffer((bytes, length) -> { });
        long n = new JacksonRowConverter(COLUMNS, false, out).convert(new ByteArrayInputStream(json), line -> { });
        out.flush();
        return n;
    }

    private static double ms(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }
}
