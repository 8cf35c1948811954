package io.paydr.devstack.redshift.bench;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.devstack.DevstackOptions;
import io.paydr.devstack.faults.Faults;
import io.paydr.devstack.redshift.RedshiftDataServer;
import io.paydr.devstack.redshift.internal.copy.CopyTextBuffer;
import io.paydr.devstack.redshift.internal.copy.JsonRowConverter;
import io.paydr.devstack.redshift.internal.copy.S3JsonCopy;
import org.postgresql.PGConnection;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Where the time of a devstack COPY goes, side by side in one run: a bare PostgreSQL CopyManager load of the
 * rows pre-rendered as COPY text; the same rows as one gzip JSON Lines object (FROM naming it, as the ingest
 * function does) through the COPY handler on a plain JDBC session (S3 listing and GET, gunzip, JSON 'auto',
 * COPY FROM STDIN); the same through the Data API
 * (submit to FINISHED as a client polling DescribeStatement sees it, and the server's own Duration); the
 * ingest function's batch shape (LOCK, temp stage, COPY, dedup INSERT, DROP); a trivial statement's round
 * trip; and the client-side phases alone (S3, gunzip, JSON to COPY text). Medians of interleaved rounds.
 *
 * <p>Usage: {@code CopyBenchmark [rows=10000] [rounds=101] [warmup=40]}. PostgreSQL runs with fsync and
 * synchronous_commit off (devstack's setting), so every figure is for that configuration.
 */
public final class CopyBenchmark {

    static final String TABLE = "bench_payments";
    static final String COLUMNS = "transaction_id, merchant_id, amount_minor, currency, status, occurred_at, source_region";
    private static final String BUCKET = "redshift-copy-bench";
    private static final String PREFIX = "bench/";
    private static final String KEY = PREFIX + "payments.json.gz";
    private static final String COPY_OPTIONS = " IAM_ROLE default FORMAT AS JSON 'auto' TIMEFORMAT 'auto' GZIP";

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 101;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        try (Devstack ds = Devstack.start(DevstackOptions.defaults());
             S3Client s3 = ds.s3(DevRegion.PRIMARY);
             RedshiftDataServer server = RedshiftDataServer.start(DevRegion.PRIMARY, ds.jdbcUrl(DevRegion.PRIMARY),
                     s3, new Faults());
             RedshiftDataClient client = dataClient(server);
             Connection bare = DriverManager.getConnection(ds.jdbcUrl(DevRegion.PRIMARY))) {
            new CopyBenchmark(new DataApiCalls(client), s3, bare).run(rows, rounds, warmup);
        }
    }

    private final DataApiCalls api;
    private final S3Client s3;
    private final Connection bare;
    private final S3JsonCopy handler;
    private final Timings timings = new Timings();

    private CopyBenchmark(DataApiCalls api, S3Client s3, Connection bare) {
        this.api = api;
        this.s3 = s3;
        this.bare = bare;
        this.handler = new S3JsonCopy(s3);
    }

    private void run(int rows, int rounds, int warmup) throws Exception {
        BenchPayload payload = BenchPayload.generate(rows);
        s3.createBucket(b -> b.bucket(BUCKET));
        s3.putObject(b -> b.bucket(BUCKET).key(KEY), RequestBody.fromBytes(payload.gzipJson()));
        api.ok("CREATE TABLE " + TABLE + " (transaction_id VARCHAR(64) NOT NULL, merchant_id VARCHAR(64) NOT NULL, "
                + "amount_minor BIGINT NOT NULL, currency CHAR(3) NOT NULL, status VARCHAR(16) NOT NULL, "
                + "occurred_at TIMESTAMP NOT NULL, source_region VARCHAR(32) NOT NULL) DISTKEY(transaction_id) SORTKEY(occurred_at)");
        System.out.printf(Locale.ROOT, "payload: %,d rows, %,d bytes gzip JSON Lines (%,d bytes JSON), %,d bytes COPY text; "
                        + "%d warm-up + %d rounds; load average before %.2f%n",
                rows, payload.gzipJson().length, payload.json().length, payload.copyText().length, warmup, rounds, loadAverage());
        for (int round = 0; round < warmup + rounds; round++) {
            timings.recording(round >= warmup);
            round(rows, payload);
        }
        System.out.printf(Locale.ROOT, "load average after %.2f; medians (ms):%n", loadAverage());
        timings.print(rows);
    }

    private void round(int rows, BenchPayload payload) throws Exception {
        truncate();
        timings.time("bare CopyManager, pre-rendered COPY text", () -> bareCopy(payload.copyText()));
        truncate();
        timings.time("COPY handler on a JDBC session", () -> expect(rows, handler.copy(bare, copySql(KEY), () -> false).rows()));
        truncate();
        DescribeStatementResponse[] copy = new DescribeStatementResponse[1];
        timings.time("Data API COPY, submit to FINISHED seen", () -> copy[0] = api.ok(copySql(KEY)));
        expect(rows, copy[0].resultRows());
        timings.record("Data API COPY, server Duration", copy[0].duration());
        truncate();
        DescribeStatementResponse[] batch = new DescribeStatementResponse[1];
        timings.time("Data API ingest-shaped batch, submit to FINISHED", () -> batch[0] = api.batch(ingestShapedBatch()));
        expect(rows, batch[0].subStatements().get(3).resultRows());
        timings.record("Data API ingest-shaped batch, server Duration", batch[0].duration());
        timings.time("Data API SELECT 1, submit to FINISHED seen", () -> api.ok("SELECT 1"));
        timings.time("phase: S3 list + GET", this::fetch);
        timings.time("phase: gunzip", () -> gunzip(payload.gzipJson()));
        timings.time("phase: JSON 'auto' to COPY text", () -> render(payload.json(), rows));
    }

    private static String copySql(String from) {
        return "COPY " + TABLE + " FROM 's3://" + BUCKET + "/" + from + "'" + COPY_OPTIONS;
    }

    /** What the ingest function sends, on the benchmark table. */
    private static List<String> ingestShapedBatch() {
        return List.of(
                "LOCK " + TABLE,
                "CREATE TEMP TABLE bench_stage (LIKE " + TABLE + ")",
                "COPY bench_stage FROM 's3://" + BUCKET + "/" + KEY + "'" + COPY_OPTIONS,
                "INSERT INTO " + TABLE + " (" + COLUMNS + ") SELECT " + COLUMNS + " FROM (SELECT " + COLUMNS + ", ROW_NUMBER() OVER "
                        + "(PARTITION BY transaction_id ORDER BY occurred_at) AS paydr_rn FROM bench_stage) s WHERE s.paydr_rn = 1 "
                        + "AND NOT EXISTS (SELECT 1 FROM " + TABLE + " x WHERE x.transaction_id = s.transaction_id)",
                "DROP TABLE bench_stage");
    }

    private void bareCopy(byte[] copyText) throws Exception {
        bare.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + TABLE + " FROM STDIN", new ByteArrayInputStream(copyText));
    }

    private void fetch() {
        s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(PREFIX));
        s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(KEY)).asByteArray();
    }

    private static void gunzip(byte[] gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip), 64 * 1024)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void render(byte[] json, int rows) throws Exception {
        CopyTextBuffer buffer = new CopyTextBuffer((bytes, length) -> { });
        long rendered = new JsonRowConverter(List.of(COLUMNS.split(", ")), false, null, buffer)
                .convert(new ByteArrayInputStream(json), line -> { });
        buffer.flush();
        expect(rows, rendered);
    }

    private void truncate() {
        try (var st = bare.createStatement()) {
            st.execute("TRUNCATE " + TABLE);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("TRUNCATE failed: " + e.getMessage(), e);
        }
    }

    private static void expect(long expected, long actual) {
        if (expected != actual) {
            throw new IllegalStateException("loaded " + actual + " rows, expected " + expected);
        }
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static RedshiftDataClient dataClient(RedshiftDataServer server) {
        return RedshiftDataClient.builder().endpointOverride(server.endpoint()).region(DevRegion.PRIMARY.region())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("devstack", "devstack")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }
}
