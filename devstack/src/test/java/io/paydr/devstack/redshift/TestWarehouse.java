package io.paydr.devstack.redshift;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.devstack.faults.Faults;
import io.paydr.devstack.internal.Clients;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.redshiftdata.model.SqlParameter;
import software.amazon.awssdk.services.redshiftdata.model.StatusString;
import software.amazon.awssdk.services.s3.S3Client;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A Data API server of its own (own faults and limits) on the primary Region's database of the JVM-wide
 * devstack, and a real RedshiftDataClient talking to it over a socket,
 * plus the polling that every Data API caller needs.
 */
final class TestWarehouse implements AutoCloseable {

    static final String WORKGROUP = "paydr-us-east-1";
    static final String DATABASE = "payments";

    final Faults faults = new Faults();
    private final S3Client s3 = s3();
    final RedshiftDataServer server;
    final RedshiftDataClient client;

    private TestWarehouse(UnaryOperator<RedshiftDataServer.Builder> settings) {
        this.server = settings.apply(RedshiftDataServer.builder()
                .region(DevRegion.PRIMARY).jdbcUrl(jdbcUrl()).s3(s3).faults(faults)).start();
        this.client = Clients.configure(RedshiftDataClient.builder(), server.endpoint(), DevRegion.PRIMARY)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    static TestWarehouse start() {
        return new TestWarehouse(b -> b);
    }

    static TestWarehouse start(UnaryOperator<RedshiftDataServer.Builder> settings) {
        return new TestWarehouse(settings);
    }

    /** A client of this server with the SDK's default retries (throttling is retried with backoff). */
    static RedshiftDataClient clientWithSdkRetries(TestWarehouse wh) {
        return Clients.configure(RedshiftDataClient.builder(), wh.server.endpoint(), DevRegion.PRIMARY).build();
    }

    /** The PostgreSQL database behind the primary Region's warehouse in the JVM-wide devstack. */
    static String jdbcUrl() {
        return Devstack.shared().jdbcUrl(DevRegion.PRIMARY);
    }

    /** An S3 client on the JVM-wide devstack S3, which COPY reads through. */
    static S3Client s3() {
        return Devstack.shared().s3(DevRegion.PRIMARY);
    }

    ExecuteStatementRequest.Builder statement(String sql) {
        return ExecuteStatementRequest.builder().workgroupName(WORKGROUP).database(DATABASE).sql(sql);
    }

    String submit(String sql, SqlParameter... parameters) {
        ExecuteStatementRequest.Builder b = statement(sql);
        if (parameters.length > 0) {
            b.parameters(Arrays.asList(parameters));
        }
        return client.executeStatement(b.build()).id();
    }

    /** Runs one statement and waits for its final state. */
    DescribeStatementResponse run(String sql, SqlParameter... parameters) {
        return awaitFinal(submit(sql, parameters));
    }

    /** Runs one statement and fails the test unless it FINISHED. */
    DescribeStatementResponse ok(String sql, SqlParameter... parameters) {
        DescribeStatementResponse d = run(sql, parameters);
        if (d.status() != StatusString.FINISHED) {
            String shown = sql.length() > 200 ? sql.substring(0, 200) + "..." : sql;
            throw new AssertionError("Expected FINISHED for [" + shown + "] but was " + d.status() + ": " + d.error());
        }
        return d;
    }

    String batch(List<String> sqls) {
        return client.batchExecuteStatement(b -> b.workgroupName(WORKGROUP).database(DATABASE).sqls(sqls)).id();
    }

    /** Polls DescribeStatement with backoff, as every Data API caller must. */
    DescribeStatementResponse awaitFinal(String id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long sleep = 5;
        while (System.nanoTime() < deadline) {
            DescribeStatementResponse d = client.describeStatement(b -> b.id(id));
            if (d.status() == StatusString.FINISHED || d.status() == StatusString.FAILED || d.status() == StatusString.ABORTED) {
                return d;
            }
            sleepMillis(sleep);
            sleep = Math.min(200, sleep * 2);
        }
        throw new AssertionError("Statement " + id + " did not end within 60 s");
    }

    DescribeStatementResponse awaitStatus(String id, StatusString wanted) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            DescribeStatementResponse d = client.describeStatement(b -> b.id(id));
            if (d.status() == wanted) {
                return d;
            }
            sleepMillis(20);
        }
        throw new AssertionError("Statement " + id + " never reached " + wanted);
    }

    static SqlParameter param(String name, String value) {
        return SqlParameter.builder().name(name).value(value).build();
    }

    static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        client.close();
        server.close();
        s3.close();
    }
}
