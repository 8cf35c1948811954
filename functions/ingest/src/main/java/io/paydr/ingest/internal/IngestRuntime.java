package io.paydr.ingest.internal;

import io.paydr.aws.AwsClients;
import io.paydr.ingest.config.IngestConfig;
import io.paydr.aws.DataApiExecutor;
import io.paydr.ingest.load.LoadSqlBuilder;
import io.paydr.ingest.load.Loader;
import io.paydr.aws.PollPolicy;
import io.paydr.ingest.payload.BucketRegions;
import io.paydr.ingest.payload.MessageScreen;
import io.paydr.ingest.payload.PayloadResolver;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Everything a handler needs, built once per function instance (outside the handler method). */
public final class IngestRuntime implements AutoCloseable {
    /** Payload reads (S3 GET + verification) in flight at once; Lambda gives up to 2 vCPUs below 3 GB of memory. */
    static final int PARALLEL_READS = 4;

    private final IngestConfig config;
    private final AwsClients clients;
    private final DataApiExecutor executor;
    private final IngestPipeline pipeline;
    private final IngestMetrics metrics;
    private final ExecutorService workers;

    private IngestRuntime(IngestConfig config) {
        this.config = config;
        this.clients = AwsClients.create(config.aws());
        this.executor = new DataApiExecutor(clients.redshiftData(), config.redshift(),
                PollPolicy.backoff(config.pollInitial(), config.pollMax()));
        Clock clock = Clock.systemUTC();
        Loader loader = new Loader(executor, new LoadSqlBuilder(config.ledgerTable(), config.copyRole()), clock);
        PayloadResolver resolver = new PayloadResolver(config, clients.s3(),
                new BucketRegions(clients.s3(), config.region()));
        this.workers = Executors.newFixedThreadPool(PARALLEL_READS, runnable -> {
            Thread thread = new Thread(runnable, "paydr-ingest-worker");
            thread.setDaemon(true);
            return thread;
        });
        this.pipeline = new IngestPipeline(new MessageScreen(config), resolver, loader, executor, clock, workers);
        this.metrics = new IngestMetrics(config.regionRole(), config.region());
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
