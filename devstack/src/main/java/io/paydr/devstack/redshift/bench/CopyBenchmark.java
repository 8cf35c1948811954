package io.paydr.devstack.redshift.bench;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.devstack.DevstackOptions;
import io.paydr.devstack.faults.Faults;
import io.paydr.devstack.redshift.RedshiftDataServer;
import org.postgresql.PGConnection;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * Rows per second of a devstack COPY through the Data API (S3 GET, gunzip, JSON 'auto' parsing, COPY FROM
 * STDIN, submit-to-FINISHED as a client polling DescribeStatement sees it) against a bare PostgreSQL
 * CopyManager load of the same rows pre-rendered as COPY text, side by side in one run, medians of rounds.
 *
 * <p>Usage: {@code CopyBenchmark [rows=200000] [rounds=5]}. PostgreSQL runs with fsync and
 * synchronous_commit off (devstack's setting), so both figures are for that configuration.
 */
public final class CopyBenchmark {

    private static final String TABLE = "bench_payments";
    private static final String BUCKET = "redshift-copy-bench";

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (Devstack ds = Devstack.start(DevstackOptions.defaults());
             RedshiftDataServer server = RedshiftDataServer.start(DevRegion.PRIMARY, ds.jdbcUrl(DevRegion.PRIMARY),
                     ds.s3(DevRegion.PRIMARY), new Faults());
             RedshiftDataClient client = dataClient(server);
             S3Client s3 = ds.s3(DevRegion.PRIMARY);
             Connection bare = DriverManager.getConnection(ds.jdbcUrl(DevRegion.PRIMARY))) {
            new CopyBenchmark(client, s3, bare).run(rows, rounds);
        }
    }

    private final RedshiftDataClient client;
    private final S3Client s3;
    private final Connection bare;

    private CopyBenchmark(RedshiftDataClient client, S3Client s3, Connection bare) {
        this.client = client;
        this.s3 = s3;
        this.bare = bare;
    }

    private void run(int rows, int rounds) throws Exception {
        Payload payload = Payload.generate(rows);
        s3.createBucket(b -> b.bucket(BUCKET));
        s3.putObject(b -> b.bucket(BUCKET).key("bench/payments.json.gz"), RequestBody.fromBytes(payload.gzipJson));
        execute("CREATE TABLE " + TABLE + " (transaction_id VARCHAR(64) NOT NULL, merchant_id VARCHAR(64) NOT NULL, "
                + "amount_minor BIGINT NOT NULL, currency CHAR(3) NOT NULL, status VARCHAR(16) NOT NULL, "
                + "occurred_at TIMESTAMP NOT NULL, source_region VARCHAR(32) NOT NULL) DISTKEY(transaction_id) SORTKEY(occurred_at)");
        System.out.printf(Locale.ROOT, "payload: %,d rows, %,d bytes gzip JSON Lines (%,d bytes JSON), %,d bytes COPY text%n",
                rows, payload.gzipJson.length, payload.jsonBytes, payload.copyText.length);
        List<Double> bareRates = new ArrayList<>();
        List<Double> devstackRates = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) {
            double b = rows / bareCopy(payload.copyText);
            double d = rows / devstackCopy(rows);
            if (round == 0) {
                System.out.printf(Locale.ROOT, "warm-up   bare %,10.0f rows/s   devstack %,10.0f rows/s%n", b, d);
                continue;
            }
            bareRates.add(b);
            devstackRates.add(d);
            ratios.add(d / b);
            System.out.printf(Locale.ROOT, "round %d   bare %,10.0f rows/s   devstack %,10.0f rows/s   ratio %.2f%n", round, b, d, d / b);
        }
        double bareMedian = median(bareRates);
        double devstackMedian = median(devstackRates);
        System.out.printf(Locale.ROOT, "median    bare CopyManager %,.0f rows/s | devstack Data API COPY %,.0f rows/s | ratio %.2f"
                + " (median of per-round ratios %.2f)%n", bareMedian, devstackMedian, devstackMedian / bareMedian, median(ratios));
    }

    /** Seconds for a bare COPY FROM STDIN of pre-rendered text into the emptied table. */
    private double bareCopy(byte[] copyText) throws SQLException, IOException {
        truncate();
        long start = System.nanoTime();
        bare.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + TABLE + " FROM STDIN", new ByteArrayInputStream(copyText));
        return (System.nanoTime() - start) / 1e9;
    }

    /** Seconds from submitting the COPY to seeing it FINISHED, polling as a Data API client does. */
    private double devstackCopy(int rows) {
        truncate();
        long start = System.nanoTime();
        DescribeStatementResponse d = execute("COPY " + TABLE + " FROM 's3://" + BUCKET + "/bench/' IAM_ROLE default "
                + "FORMAT AS JSON 'auto' GZIP TIMEFORMAT 'auto'");
        double seconds = (System.nanoTime() - start) / 1e9;
        if (d.resultRows() != rows) {
            throw new IllegalStateException("COPY loaded " + d.resultRows() + " rows, expected " + rows);
        }
        return seconds;
    }

    private void truncate() {
        try (var st = bare.createStatement()) {
            st.execute("TRUNCATE " + TABLE);
        } catch (SQLException e) {
            throw new IllegalStateException("TRUNCATE failed: " + e.getMessage(), e);
        }
    }

    private DescribeStatementResponse execute(String sql) {
        String id = client.executeStatement(b -> b.workgroupName("paydr-us-east-1").database("payments").sql(sql)).id();
        while (true) {
            DescribeStatementResponse d = client.describeStatement(b -> b.id(id));
            if (d.status() == StatusString.FINISHED) {
                return d;
            }
            if (d.status() == StatusString.FAILED || d.status() == StatusString.ABORTED) {
                throw new IllegalStateException(sql + " ended " + d.status() + ": " + d.error());
            }
            sleep(2);
        }
    }

    /** Polls every 2 ms: at most ~1% of a sub-second COPY, without a busy loop stealing one of the two cores. */
    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static RedshiftDataClient dataClient(RedshiftDataServer server) {
        return RedshiftDataClient.builder().endpointOverride(server.endpoint()).region(DevRegion.PRIMARY.region())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("devstack", "devstack")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** The same payment rows as gzip JSON Lines (for the Data API COPY) and as COPY text (for the bare load). */
    private record Payload(byte[] gzipJson, long jsonBytes, byte[] copyText) {

        static Payload generate(int rows) throws IOException {
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            StringBuilder text = new StringBuilder(rows * 100);
            long jsonBytes = 0;
            String[] statuses = {"AUTHORIZED", "CAPTURED", "REFUNDED"};
            try (GZIPOutputStream json = new GZIPOutputStream(gz, 64 * 1024)) {
                for (int i = 0; i < rows; i++) {
                    String id = String.format(Locale.ROOT, "tx-%012d", i);
                    String merchant = "merchant-" + (i % 997);
                    long amount = 100L + (i * 7919L) % 1_000_000;
                    String currency = i % 3 == 0 ? "EUR" : "USD";
                    String status = statuses[i % 3];
                    String at = String.format(Locale.ROOT, "2026-11-25T%02d:%02d:%02d.%03dZ", (i / 3600) % 24, (i / 60) % 60, i % 60, i % 1000);
                    byte[] line = ("{\"transaction_id\":\"" + id + "\",\"merchant_id\":\"" + merchant + "\",\"amount_minor\":" + amount
                            + ",\"currency\":\"" + currency + "\",\"status\":\"" + status + "\",\"occurred_at\":\"" + at
                            + "\",\"source_region\":\"us-east-1\"}\n").getBytes(StandardCharsets.UTF_8);
                    json.write(line);
                    jsonBytes += line.length;
                    text.append(id).append('\t').append(merchant).append('\t').append(amount).append('\t').append(currency)
                            .append('\t').append(status).append('\t').append(at).append('\t').append("us-east-1").append('\n');
                }
            }
            return new Payload(gz.toByteArray(), jsonBytes, text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }
}
