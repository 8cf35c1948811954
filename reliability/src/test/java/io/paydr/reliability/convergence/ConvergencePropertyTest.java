package io.paydr.reliability.convergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.paydr.contract.ContentEncoding;
import io.paydr.contract.PayloadAttributes;
import io.paydr.contract.PaymentStatus;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.Sha256;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.devstack.faults.FaultSpec;
import io.paydr.devstack.faults.Service;
import io.paydr.ingest.config.IngestConfig;
import io.paydr.ingest.handler.SqsIngestHandler;
import io.paydr.ops.ReconcileReport;
import io.paydr.ops.Reconciler;
import io.paydr.ops.TimeRange;
import io.paydr.ops.WarehouseTarget;
import io.paydr.reliability.support.LambdaEvents;
import io.paydr.reliability.support.PayloadStore;
import io.paydr.reliability.support.StoredPayload;
import io.paydr.reliability.support.Warehouse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Both Regions converge, whatever the order (issue 12's property). Each schedule generates payloads with
 * overlapping and conflicting records, exact duplicates (the same bytes under other keys, the same records in other
 * payloads), a key reused with other content, inline payloads and poison (a wrong digest claim, a record the
 * contract refuses, a sibling object planted next to a payload); delivers them to both Regions of devstack in
 * independent random orders, batch splits and redeliveries, with random transient faults; and after the queue is
 * drained compares both warehouses with each other and with {@link ConvergenceModel}: the same current rows and the
 * same conflicts, and nothing that was not verified.
 *
 * <p>{@code -Dpaydr.convergence.schedules=N} (default 200) and {@code -Dpaydr.convergence.seed=S} (default random,
 * printed on failure) reproduce or extend a run: {@code mvn -B -pl reliability -am verify -Dtest=ConvergencePropertyTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dpaydr.convergence.schedules=3000}.
 */
class ConvergencePropertyTest {
    private static final int SCHEDULES = Integer.getInteger("paydr.convergence.schedules", 200);
    private static final long SEED = Long.getLong("paydr.convergence.seed", new Random().nextLong());
    private static final int MAX_RECEIVES = 4;
    private static final int FAULTY_RECEIVES = 2;
    private static final Instant AT = Instant.parse("2026-11-25T16:38:15.123Z");

    private static Devstack devstack;
    private static S3Client s3;
    private static PayloadStore store;
    private static final String SOURCE = "paydr-conv-" + Long.toHexString(System.nanoTime()) + "-a";
    private static final String OTHER = SOURCE.replace("-a", "-b");
    private static final Map<DevRegion, Region> REGIONS = new LinkedHashMap<>();

    /** One Region: its warehouse and its function. */
    private record Region(DevRegion id, Warehouse warehouse, SqsIngestHandler handler) {
    }

    /** A message and whether its payload is valid (it must load) or poison (it must never load). */
    private record Delivery(SQSEvent.SQSMessage message, boolean valid) {
    }

    /** A scenario: the messages to deliver, and the verified payloads they carry (identity to records). */
    private record Scenario(List<Delivery> deliveries, Map<String, List<PaymentTransaction>> verified) {
    }

    @BeforeAll
    static void start() {
        devstack = Devstack.shared();
        s3 = devstack.s3(DevRegion.PRIMARY);
        store = new PayloadStore(s3);
        s3.createBucket(b -> b.bucket(SOURCE));
        s3.createBucket(b -> b.bucket(OTHER));
        String schema = "conv_" + Long.toHexString(System.nanoTime());
        for (DevRegion id : DevRegion.values()) {
            String staging = SOURCE.replace("-a", "-stage-" + id.id());
            s3.createBucket(b -> b.bucket(staging));
            Warehouse warehouse = Warehouse.createNamed(devstack, id, schema);
            Map<String, String> env = warehouse.tableEnvironment(devstack.environment(id));
            env.put("ALLOWED_BUCKETS", SOURCE + "," + OTHER);
            env.put("STAGING_BUCKET", staging);
            env.put("COPY_THRESHOLD_BYTES", "600"); // a few records: both load paths in most schedules
            REGIONS.put(id, new Region(id, warehouse, new SqsIngestHandler(IngestConfig.fromEnvironment(env))));
        }
    }

    @AfterAll
    static void stop() {
        devstack.faults().clear();
        s3.close();
    }

    @Test
    void bothRegionsConvergeToTheModelWhateverTheOrderBatchingAndFaults() {
        for (int s = 0; s < SCHEDULES; s++) {
            long seed = SEED + s;
            String prefix = "c" + Long.toHexString(seed & 0xffffffffL) + "s" + s + "-";
            Scenario scenario = scenario(new Random(seed), prefix);
            List<CompletableFuture<Void>> runs = new ArrayList<>();
            for (Region region : REGIONS.values()) {
                Random order = new Random(seed * 31 + region.id().ordinal());
                runs.add(CompletableFuture.runAsync(() -> deliver(region, scenario.deliveries(), order)));
            }
            runs.forEach(CompletableFuture::join);
            List<String> expected = ConvergenceModel.expected(scenario.verified());
            for (Region region : REGIONS.values()) {
                assertEquals(expected, state(region, prefix), "schedule " + s + " (rerun with -Dpaydr.convergence.seed="
                        + SEED + " and schedules > " + s + ") in " + region.id().id());
            }
        }
        // and the operator's check agrees: every column of every row, and the same losers with the same carriers
        ReconcileReport report = Reconciler.builder()
                .primary(WarehouseTarget.workgroup("us-east-1", "paydr-us-east-1", "payments"),
                        devstack.redshiftData(DevRegion.PRIMARY))
                .secondary(WarehouseTarget.workgroup("us-west-2", "paydr-us-west-2", "payments"),
                        devstack.redshiftData(DevRegion.SECONDARY))
                .range(TimeRange.of(AT.truncatedTo(ChronoUnit.HOURS), AT.truncatedTo(ChronoUnit.HOURS).plusSeconds(3600)))
                .paymentsTable(REGIONS.get(DevRegion.PRIMARY).warehouse().schema() + ".payments")
                .ledgerTable(null).build().reconcile();
        assertTrue(report.equal(), "reconcile finds both Regions equal: " + report);
        assertTrue(report.conflicts().primaryVersions() > 0, "conflicts were exercised and reported: " + report);
    }

    /** Delivers every message in a random order and batching, redelivering what fails, as SQS and Lambda would. */
    private static void deliver(Region region, List<Delivery> deliveries, Random random) {
        List<Delivery> shuffled = new ArrayList<>(deliveries);
        for (Delivery d : deliveries) {
            if (random.nextInt(4) == 0) {
                shuffled.add(d); // at-least-once: delivered again
            }
        }
        Collections.shuffle(shuffled, random);
        Deque<Delivery> queue = new ArrayDeque<>(shuffled);
        Map<String, Integer> receives = new HashMap<>();
        while (!queue.isEmpty()) {
            List<SQSEvent.SQSMessage> batch = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            int size = 1 + random.nextInt(4);
            boolean faultsAllowed = true;
            for (int i = 0; i < size && !queue.isEmpty(); i++) {
                Delivery next = queue.peekFirst();
                if (!ids.add(next.message().getMessageId())) {
                    break; // Lambda never hands one message twice in a batch
                }
                queue.pollFirst();
                batch.add(next.message());
                int count = receives.merge(next.message().getMessageId(), 1, Integer::sum);
                faultsAllowed &= count <= FAULTY_RECEIVES;
            }
            boolean faulty = faultsAllowed && random.nextInt(5) == 0;
            if (faulty) {
                Service service = random.nextBoolean() ? Service.S3 : Service.REDSHIFT_DATA;
                devstack.faults().set(service, region.id(), FaultSpec.serverErrors(0.5));
            }
            List<String> failed;
            try {
                failed = LambdaEvents.failures(region.handler().handleRequest(
                        LambdaEvents.event(batch.toArray(SQSEvent.SQSMessage[]::new)), null));
            } finally {
                if (faulty) {
                    devstack.faults().set(Service.S3, region.id(), FaultSpec.NONE);
                    devstack.faults().set(Service.REDSHIFT_DATA, region.id(), FaultSpec.NONE);
                }
            }
            for (SQSEvent.SQSMessage m : batch) {
                if (failed.contains(m.getMessageId()) && receives.get(m.getMessageId()) < MAX_RECEIVES) {
                    deliveries.stream().filter(d -> d.message() == m).findFirst().ifPresent(queue::addLast);
                }
            }
        }
    }

    /** The Region's current rows and conflicts of this schedule, rendered as the model renders them. */
    private static List<String> state(Region region, String prefix) {
        String columns = "transaction_id, merchant_id, amount_minor, currency, status,"
                + " TO_CHAR(occurred_at, 'YYYY-MM-DD HH24:MI:SS.MS'), source_region, row_sha256, payload_sha256";
        String schema = region.warehouse().schema();
        List<String> rows = new ArrayList<>();
        rows.addAll(query(region, "SELECT 'current', " + columns + " FROM " + schema + ".payments WHERE transaction_id"
                + " LIKE '" + prefix + "%'"));
        rows.addAll(query(region, "SELECT 'conflict', " + columns + " FROM " + schema + ".payments_conflicts WHERE"
                + " transaction_id LIKE '" + prefix + "%'"));
        return List.copyOf(new TreeSet<>(rows));
    }

    private static List<String> query(Region region, String sql) {
        try (Connection c = DriverManager.getConnection(devstack.jdbcUrl(region.id()));
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (r.next()) {
                List<String> fields = new ArrayList<>();
                for (int i = 1; i <= 10; i++) {
                    fields.add(String.valueOf(r.getString(i)));
                }
                rows.add(String.join("|", fields));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- scenarios

    private static Scenario scenario(Random random, String prefix) {
        List<PaymentTransaction> versions = versions(random, prefix);
        List<Delivery> deliveries = new ArrayList<>();
        Map<String, List<PaymentTransaction>> verified = new LinkedHashMap<>();
        List<StoredPayload> stored = new ArrayList<>();
        int payloads = 2 + random.nextInt(5);
        for (int p = 0; p < payloads; p++) {
            List<PaymentTransaction> records = new ArrayList<>();
            int count = 1 + random.nextInt(8);
            for (int i = 0; i < count; i++) {
                records.add(versions.get(random.nextInt(versions.size())));
            }
            String messageId = prefix + "m" + p;
            if (random.nextInt(5) == 0) {
                byte[] body = PayloadStore.encode(records, ContentEncoding.IDENTITY);
                String sha = Sha256.hexOf(body);
                Map<String, String> attributes = PayloadAttributes.payments(records.size(), sha, "b-" + prefix + p,
                        ContentEncoding.IDENTITY, body.length).toStringAttributes();
                deliveries.add(new Delivery(LambdaEvents.message(messageId, new String(body, StandardCharsets.UTF_8),
                        attributes), true));
                verified.put(sha, records);
                continue;
            }
            ContentEncoding encoding = random.nextBoolean() ? ContentEncoding.GZIP : ContentEncoding.IDENTITY;
            StoredPayload payload = store.put(random.nextInt(4) == 0 ? OTHER : SOURCE, records, encoding);
            stored.add(payload);
            deliveries.add(new Delivery(LambdaEvents.pointerMessage(messageId, payload), true));
            verified.put(payload.sha256(), records);
        }
        StoredPayload first = stored.isEmpty() ? null : stored.get(0);
        if (first != null && random.nextInt(3) == 0) {
            // the same bytes under another key: one payload, loaded once
            StoredPayload copy = copyUnderNewKey(first);
            deliveries.add(new Delivery(LambdaEvents.pointerMessage(prefix + "copy", copy), true));
        }
        if (first != null && random.nextInt(3) == 0) {
            // other content under a key already used, in the other allowlisted bucket: loads, and is reported
            List<PaymentTransaction> records = List.of(versions.get(random.nextInt(versions.size())));
            byte[] bytes = PayloadStore.encode(records, first.encoding());
            String bucket = first.bucket().equals(SOURCE) ? OTHER : SOURCE;
            s3.putObject(r -> r.bucket(bucket).key(first.key()), RequestBody.fromBytes(bytes));
            StoredPayload reused = new StoredPayload(bucket, first.key(), first.batchId(), Sha256.hexOf(bytes), 1,
                    bytes.length, first.encoding());
            deliveries.add(new Delivery(LambdaEvents.pointerMessage(prefix + "reused", reused), true));
            verified.put(reused.sha256(), records);
        }
        if (first != null && random.nextInt(3) == 0) {
            // poison: a wrong digest for a good object, sent as a message of its own
            deliveries.add(new Delivery(LambdaEvents.pointerMessage(prefix + "lie", first.withSha256("0".repeat(64))),
                    false));
        }
        if (random.nextInt(4) == 0) {
            StoredPayload hostile = store.putLines(SOURCE, List.of("{\"transaction_id\":\"" + prefix + "t0\","
                    + "\"merchant_id\":\"evil\",\"amount_minor\":-1,\"currency\":\"eur\",\"status\":\"HACKED\","
                    + "\"occurred_at\":\"2026-11-25T16:38:15.123Z\",\"source_region\":\"us-east-1\"}"),
                    ContentEncoding.IDENTITY);
            deliveries.add(new Delivery(LambdaEvents.pointerMessage(prefix + "hostile", hostile), false));
        }
        if (first != null && random.nextInt(4) == 0) {
            // a sibling object whose key extends a payload's key: never named by a message, must never load
            s3.putObject(r -> r.bucket(first.bucket()).key(first.key() + ".bak"), RequestBody.fromBytes(
                    PayloadStore.encode(List.of(new PaymentTransaction(prefix + "t0", "planted", 1, "EUR",
                            PaymentStatus.CAPTURED, AT.plusSeconds(3600), "us-east-1")), ContentEncoding.IDENTITY)));
        }
        return new Scenario(deliveries, verified);
    }

    /** A few transaction ids, each with one to three versions; equal times make the digest break the tie. */
    private static List<PaymentTransaction> versions(Random random, String prefix) {
        List<PaymentTransaction> versions = new ArrayList<>();
        int ids = 2 + random.nextInt(4);
        for (int t = 0; t < ids; t++) {
            int count = 1 + random.nextInt(3);
            for (int v = 0; v < count; v++) {
                versions.add(new PaymentTransaction(prefix + "t" + t, "merchant-" + random.nextInt(3),
                        random.nextInt(5) * 1000L - 1000, random.nextBoolean() ? "EUR" : "USD",
                        PaymentStatus.values()[random.nextInt(PaymentStatus.values().length)],
                        AT.plusMillis(random.nextInt(2) * 1000L), random.nextBoolean() ? "us-east-1" : "us-west-2"));
            }
        }
        return versions;
    }

    private static StoredPayload copyUnderNewKey(StoredPayload original) {
        byte[] bytes = s3.getObjectAsBytes(r -> r.bucket(original.bucket()).key(original.key())).asByteArray();
        return store.putBytes(original.bucket(), bytes, original.records(), original.encoding());
    }
}
