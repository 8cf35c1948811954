package io.paydr.devstack;

import io.paydr.devstack.faults.Faults;
import io.paydr.devstack.internal.Clients;
import io.paydr.devstack.internal.Servers;
import io.paydr.devstack.redshift.DataApiStats;
import io.paydr.devstack.redshift.WarehouseProfile;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClientBuilder;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole two-Region AWS stack on loopback ports, in this JVM: S3 (one endpoint), SNS (one endpoint), SQS and
 * the Redshift Data API (one per Region), the PostgreSQL behind the warehouses, and a shared fault switchboard.
 *
 * <p>Client factories return new clients configured for devstack (dummy credentials, path-style S3,
 * url-connection HTTP); the caller closes them.
 */
public final class Devstack implements AutoCloseable {

    private static Devstack shared;

    private final Faults faults;
    private final Servers servers;
    private final Duration startupTime;

    private Devstack(Faults faults, Servers servers, Duration startupTime) {
        this.faults = faults;
        this.servers = servers;
        this.startupTime = startupTime;
    }

    /** Starts an own instance; the caller closes it. */
    public static Devstack start(DevstackOptions options) {
        long started = System.nanoTime();
        Faults faults = new Faults();
        Servers servers = Servers.start(faults, options);
        return new Devstack(faults, servers, Duration.ofNanos(System.nanoTime() - started));
    }

    /** The JVM-wide instance with default options: started on first use, stopped by a shutdown hook. */
    public static synchronized Devstack shared() {
        if (shared == null) {
            Devstack instance = start(DevstackOptions.defaults());
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close, "devstack-shutdown"));
            shared = instance;
        }
        return shared;
    }

    /** One S3 endpoint for both Regions (path-style addressing). */
    public URI s3Endpoint() {
        return servers.s3.endpoint();
    }

    /** One SNS endpoint; the Region is taken from the SigV4 scope. */
    public URI snsEndpoint() {
        return servers.sns.endpoint();
    }

    public URI sqsEndpoint(DevRegion region) {
        return servers.sqs.get(region).endpoint();
    }

    public URI redshiftDataEndpoint(DevRegion region) {
        return servers.redshift.get(region).endpoint();
    }

    /** The PostgreSQL database behind that Region's warehouse, credentials included. */
    public String jdbcUrl(DevRegion region) {
        return servers.warehouse.jdbcUrl(region);
    }

    public Faults faults() {
        return faults;
    }

    /** How Redshift-like the warehouses are (both Regions share one profile). */
    public WarehouseProfile warehouseProfile() {
        return servers.redshift.get(DevRegion.PRIMARY).profile();
    }

    /** That Region's Data API requests and throttles per operation, and its commits, since start-up. */
    public DataApiStats dataApiStats(DevRegion region) {
        return servers.redshift.get(region).stats();
    }

    /** Wall time from {@link #start} to every server accepting requests. */
    public Duration startupTime() {
        return startupTime;
    }

    public S3Client s3(DevRegion region) {
        return s3Builder(region).build();
    }

    /** An S3 client builder already pointed at devstack, for a client that needs more settings (interceptors). */
    public S3ClientBuilder s3Builder(DevRegion region) {
        return Clients.configure(S3Client.builder().forcePathStyle(true), s3Endpoint(), region);
    }

    public SqsClient sqs(DevRegion region) {
        return Clients.build(SqsClient.builder(), sqsEndpoint(region), region);
    }

    public SnsClient sns(DevRegion region) {
        return Clients.build(SnsClient.builder(), snsEndpoint(), region);
    }

    public RedshiftDataClient redshiftData(DevRegion region) {
        return redshiftDataBuilder(region).build();
    }

    /** A Data API client builder already pointed at devstack, for a client that needs more settings (retries). */
    public RedshiftDataClientBuilder redshiftDataBuilder(DevRegion region) {
        return Clients.configure(RedshiftDataClient.builder(), redshiftDataEndpoint(region), region);
    }

    /** The standard SDK environment variables that point code configured from the environment at this Region. */
    public Map<String, String> environment(DevRegion region) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_REGION", region.id());
        env.put("AWS_ACCESS_KEY_ID", Clients.ACCESS_KEY_ID);
        env.put("AWS_SECRET_ACCESS_KEY", Clients.SECRET_ACCESS_KEY);
        env.put("AWS_ENDPOINT_URL_S3", s3Endpoint().toString());
        env.put("AWS_ENDPOINT_URL_SNS", snsEndpoint().toString());
        env.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint(region).toString());
        env.put("AWS_ENDPOINT_URL_REDSHIFT_DATA", redshiftDataEndpoint(region).toString());
        env.put("PAYDR_S3_PATH_STYLE", "true");
        return Collections.unmodifiableMap(env);
    }

    /** Stops every server, PostgreSQL last. Idempotent. */
    @Override
    public synchronized void close() {
        servers.close();
    }
}
