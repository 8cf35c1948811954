package io.paydr.devstack.redshift.internal.copy;

import io.paydr.devstack.redshift.bench.BenchPayload;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * JSON Lines to COPY text as COPY JSON 'auto' does it ({@link JsonRowConverter}: Jackson's streaming parser over
 * strict UTF-8), on the payment rows of CopyBenchmark. Prints the median and p90 per round and per 10k rows; it
 * measures the conversion alone (no S3, no PostgreSQL). Until commit a67c8a3 it also ran the byte-level scanner
 * that COPY used then, side by side: see docs/benchmarks.md for both figures.
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
        long[] jackson = new long[rounds];
        long sink = 0;
        for (int i = -warmup; i < rounds; i++) {
            long t0 = System.nanoTime();
            sink += convert(json);
            if (i >= 0) {
                jackson[i] = System.nanoTime() - t0;
            }
        }
        double perTenK = 10_000.0 / rows;
        System.out.printf(Locale.ROOT, "%d rows (%d bytes of JSON Lines), %d rounds after %d warm-up, JDK %s, %d cores%n",
                rows, json.length, rounds, warmup, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "JsonRowConverter (Jackson streaming): median %.2f ms, p90 %.2f ms;"
                + " %.2f ms per 10k rows (median)  [checksum %d]%n",
                ms(jackson, 50), ms(jackson, 90), ms(jackson, 50) * perTenK, sink);
    }

    private static long convert(byte[] json) throws Exception {
        CopyTextBuffer out = new CopyTextBuffer((bytes, length) -> { });
        long n = new JsonRowConverter(COLUMNS, false, null, out).convert(new ByteArrayInputStream(json), line -> { });
        out.flush();
        return n;
    }

    private static double ms(long[] nanos, int percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percentile / 100)] / 1e6;
    }
}
