package io.paydr.ingest.internal;

import io.paydr.aws.AwsClients;
import io.paydr.ingest.config.IngestConfig;
import io.paydr.aws.DataApiExecutor;
import io.paydr.aws.PollPolicy;
import io.paydr.ingest.config.VerificationBudget;
import io.paydr.ingest.load.LoadSqlBuilder;
import io.paydr.ingest.load.Loader;
import io.paydr.ingest.payload.MessageScreen;
import io.paydr.ingest.payload.PayloadResolver;
import io.paydr.ingest.payload.StagingStore;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Everything a handler needs, built once per function instance (outside the handler method). */
public final class IngestRuntime implements AutoCloseable {
    /** Payload reads (S3 GET + verification) in flight at once; the memory budget counts on it. */
    static final int PARALLEL_READS = VerificationBudget.PARALLEL_READS;

    private final IngestConfig config;
    private final AwsClients clients;
    private final DataApiExecutor executor;
    private final IngestPipeline pipeline;
    private final IngestMetrics metrics;
    private final ExecutorService workers;

    private IngestRuntime(IngestConfig config) {
        this.config = config;
        this.clients = AwsClients.create(config.aws());
        DataApiThrottles throttles = new DataApiThrottles();
        this.executor = new DataApiExecutor(throttles.counting(clients.redshiftData()), config.redshift(),
                PollPolicy.backoff(config.pollInitial(), config.pollMax()));
        Clock clock = Clock.systemUTC();
        StagingStore staging = new StagingStore(clients.s3(), config.stagingBucket());
        Loader loader = new Loader(executor, new LoadSqlBuilder(config.ledgerTable(), config.copyRole(),
                config.stagingBucket()), staging, clock);
        PayloadResolver resolver = new PayloadResolver(config, clients.s3(), staging);
        this.workers = Executors.newFixedThreadPool(PARALLEL_READS, runnable -> {
            Thread thread = new Thread(runnable, "paydr-ingest-worker");
            thread.setDaemon(true);
            return thread;
        });
        // the workers' log lines carry the request id of the invocation that handed them the task
        this.pipeline = new IngestPipeline(new MessageScreen(config), resolver, loader, staging, executor, clock,
                InvocationLog.propagating(workers));
        this.metrics = new IngestMetrics(config.regionRole(), config.region(),
                LogLevel.alwaysPassing(config.applicationLogLevel()), throttles);
    }

    public static IngestRuntime create(IngestConfig config) {
        return new IngestRuntime(config);
    }

    public IngestConfig config() { return config; }

    public AwsClients clients() { return clients; }

    public DataApiExecutor executor() { return executor; }

    public IngestPipeline pipeline() { return pipeline; }

    public IngestMetrics metrics() { return metrics; }

    @Override
    public void close() {
        workers.shutdownNow();
        clients.close();
    }
}
