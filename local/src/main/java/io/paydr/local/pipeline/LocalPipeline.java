package io.paydr.local.pipeline;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.ingest.schema.MigrateCommand;
import io.paydr.local.stack.RegionClients;
import io.paydr.local.stack.RegionStack;
import io.paydr.local.stack.ReplicationEmulator;
import io.paydr.local.stack.StackProvisioner;
import io.paydr.local.stack.StackSettings;
import io.paydr.local.stack.Stacks;
import io.paydr.publisher.PaymentPublisher;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;

/**
 * The whole two-Region pipeline on devstack: both Regions' stacks as template.yaml creates them, the
 * warehouse schema migrated in both, replication from the primary's bucket to the secondary's, the ingest
 * function running in each Region behind its event source mapping, and the publisher the payment
 * application embeds, publishing in the primary Region. Closing it stops everything it started (devstack
 * itself belongs to the caller).
 */
public final class LocalPipeline implements AutoCloseable {

    private final Devstack devstack;
    private final Stacks stacks;
    private final ReplicationEmulator replication;
    private final Map<DevRegion, RegionIngest> ingest;
    private final PaymentPublisher publisher;
    private final PublishedSet published = new PublishedSet();
    private final Map<DevRegion, RegionClients> clients;
    private final Deque<AutoCloseable> toClose;

    private LocalPipeline(Devstack devstack, Stacks stacks, ReplicationEmulator replication,
                          Map<DevRegion, RegionIngest> ingest, PaymentPublisher publisher,
                          Map<DevRegion, RegionClients> clients, Deque<AutoCloseable> toClose) {
        this.devstack = devstack;
        this.stacks = stacks;
        this.replication = replication;
        this.ingest = ingest;
        this.publisher = publisher;
        this.clients = clients;
        this.toClose = toClose;
    }

    /** Provisions both Regions, migrates both warehouses and starts replication and both consumers. */
    public static LocalPipeline start(Devstack devstack, PipelineSettings settings) {
        Deque<AutoCloseable> toClose = new ArrayDeque<>();
        try {
            Map<DevRegion, RegionClients> clients = new EnumMap<>(DevRegion.class);
            for (DevRegion r : DevRegion.values()) {
                RegionClients c = new RegionClients(r.id(), devstack.s3(r), devstack.sqs(r), devstack.sns(r));
                clients.put(r, c);
                toClose.push(c.s3());
                toClose.push(c.sqs());
                toClose.push(c.sns());
            }
            Stacks stacks = new StackProvisioner(settings.stack())
                    .provision(clients.get(DevRegion.PRIMARY), clients.get(DevRegion.SECONDARY));
            for (DevRegion r : DevRegion.values()) {
                migrateSchema(StackParameters.functionEnvironment(devstack.environment(r), stacks,
                        stackOf(stacks, r)), r);
                emptyWarehouse(devstack, r);
            }
            ReplicationEmulator replication = new ReplicationEmulator(clients.get(DevRegion.PRIMARY).s3(),
                    stacks.primary().bucket(), stacks.secondary().bucket(), StackSettings.PAYLOAD_PREFIX,
                    settings.stack().replicationDelay()).start();
            toClose.push(replication);
            Map<DevRegion, RegionIngest> ingest = new EnumMap<>(DevRegion.class);
            for (DevRegion r : DevRegion.values()) {
                RegionStack stack = stackOf(stacks, r);
                RegionIngest regionIngest = new RegionIngest(stack,
                        StackParameters.functionEnvironment(devstack.environment(r), stacks, stack), clients.get(r).sqs(),
                        settings.eventSource()).start();
                ingest.put(r, regionIngest);
                toClose.push(regionIngest);
            }
            PaymentPublisher publisher = PaymentPublisher.builder().s3Client(clients.get(DevRegion.PRIMARY).s3())
                    .snsClient(clients.get(DevRegion.PRIMARY).sns()).bucket(stacks.primary().bucket())
                    .topicArn(stacks.primary().topicArn()).gzip(settings.gzip()).build();
            toClose.push(publisher);
            return new LocalPipeline(devstack, stacks, replication, ingest, publisher, clients, toClose);
        } catch (RuntimeException e) {
            closeAll(toClose);
            throw e;
        }
    }

    public Devstack devstack() {
        return devstack;
    }

    public Stacks stacks() {
        return stacks;
    }

    public ReplicationEmulator replication() {
        return replication;
    }

    public RegionIngest ingest(DevRegion region) {
        return ingest.get(region);
    }

    public PaymentPublisher publisher() {
        return publisher;
    }

    public PublishedSet published() {
        return published;
    }

    /** Payloads in the Region's ingest ledger (one row per payload committed). */
    public long ledgerPayloads(DevRegion region) {
        try (Connection c = DriverManager.getConnection(devstack.jdbcUrl(region));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM public.payments_ingest_ledger")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the " + region.id() + " ingest ledger: " + e.getMessage(), e);
        }
    }

    /** Messages in the Region's DLQ, visible or in flight. */
    public int deadLetterDepth(DevRegion region) {
        Map<QueueAttributeName, String> a = clients.get(region).sqs().getQueueAttributes(r -> r
                .queueUrl(stackOf(stacks, region).deadLetterUrl())
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    public static RegionStack stackOf(Stacks stacks, DevRegion region) {
        return region == DevRegion.PRIMARY ? stacks.primary() : stacks.secondary();
    }

    @Override
    public void close() {
        closeAll(toClose);
    }

    /** The ingest module's migration runner, as an operator runs it before the first deployment. */
    private static void migrateSchema(Map<String, String> environment, DevRegion region) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = MigrateCommand.run(new String[0], environment, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        if (status != 0) {
            throw new IllegalStateException("schema migration of the " + region.id() + " warehouse failed (exit "
                    + status + "): " + err.toString(StandardCharsets.UTF_8).strip());
        }
    }

    /**
     * A run is judged against what it published, so it starts from empty warehouses. A fresh devstack is
     * empty anyway; this matters when several runs share one devstack (the tests).
     */
    private static void emptyWarehouse(Devstack devstack, DevRegion region) {
        try (Connection c = DriverManager.getConnection(devstack.jdbcUrl(region));
             Statement s = c.createStatement()) {
            s.execute("TRUNCATE public.payments, public.payments_ingest_ledger");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot empty the " + region.id() + " warehouse: " + e.getMessage(), e);
        }
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception ignored) {
                // keep closing the rest; nothing useful to do with a failure to close a local client
            }
        }
    }
}
