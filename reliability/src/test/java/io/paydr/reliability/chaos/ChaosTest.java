package io.paydr.reliability.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.paydr.contract.PaymentTransaction;
import io.paydr.devstack.DevRegion;
import io.paydr.ingest.handler.LogCapture;
import io.paydr.local.generator.PaymentGenerator;
import io.paydr.local.pipeline.PublishedComparison;
import io.paydr.ops.ReconcileReport;
import io.paydr.ops.Reconciler;
import io.paydr.ops.TimeRange;
import io.paydr.ops.WarehouseTarget;
import io.paydr.publisher.PaymentPublisher;
import io.paydr.publisher.PublishException;
import io.paydr.publisher.PublishReceipt;
import io.paydr.reliability.chaos.ChaosStack.Region;
import io.paydr.reliability.chaos.PoisonMessages.Poison;
import io.paydr.reliability.support.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Issue #7's chaos test: a few hundred payloads published through {@link PaymentPublisher} into the two-Region
 * stack while devstack injects S3 errors, Data API throttling and statement failures, duplicate SNS deliveries and
 * an outage of us-west-2, and the consumer crashes after commit and before the delete; poison messages are planted.
 * After the faults are cleared and the queues drained, both warehouses hold exactly the published transactions (none
 * missing, none twice, every column equal), the ledgers agree (and reconcile says so), and each DLQ holds exactly the
 * planted poison messages, each rejected with its reason in the log. Prints the figures for the issue's closing note.
 */
class ChaosTest {
    private static final long SEED = 7_2026_11_25L;
    private static final int PAYLOADS = 300;
    private static final int RECORDS_PER_PAYLOAD = 20;
    private static final double CRASH_SHARE = 0.10;
    private static final Duration PUBLISH_PACE = Duration.ofMillis(125);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);

    private final Map<String, PaymentTransaction> published = new HashMap<>();
    private final List<PublishReceipt> receipts = new ArrayList<>();
    private final List<String> timeline = new ArrayList<>();
    private int publishRetries;
    private Map<String, Long> retryCauses = Map.of();

    @Test
    @Timeout(value = 9, unit = TimeUnit.MINUTES)
    void nothingLostNothingDoubledNothingLetIn() {
        long started = System.nanoTime();
        try (LogCapture log = LogCapture.start(); ChaosStack stack = new ChaosStack(SEED, CRASH_SHARE)) {
            FaultCounter.start();
            stack.startConsuming();
            List<Poison> poison = PoisonMessages.plant(stack);
            publishUnderFaults(stack);
            stack.devstack.faults().clear();
            stack.regions.values().forEach(r -> r.function().crashes(false));
            timeline.add("after payload " + PAYLOADS + ": all faults cleared");
            long publishedAt = System.nanoTime();

            AssertionError notDrained = null;
            try {
                awaitDrained(stack, poison.size());
            } catch (AssertionError e) {
                notDrained = e;
            }
            Map<String, Long> faults = FaultCounter.stop();
            retryCauses = retryCauses(log);
            long drainedAt = System.nanoTime();

            Map<DevRegion, PublishedComparison> comparisons = new LinkedHashMap<>();
            stack.regions.forEach((r, region) -> comparisons.put(r,
                    PublishedComparison.of(published, region.warehouse().rows(""))));
            printSummary(stack, comparisons, faults, poison, (publishedAt - started) / 1e9, (drainedAt - started) / 1e9);
            if (notDrained != null) {
                throw notDrained;
            }

            comparisons.forEach((r, c) -> assertTrue(c.equal(), r.id() + " warehouse differs from what was published: "
                    + "missing " + c.missing() + ", unexpected " + c.unexpected() + ", different " + c.different()
                    + ", duplicated " + c.duplicated()));
            assertLedgersAgree(stack);
            assertReconciled(stack);
            for (Region region : stack.regions.values()) {
                assertDeadLettersAreThePlantedPoison(region, poison, log);
            }
            assertFaultsHappened(stack, faults);
        }
    }

    private void publishUnderFaults(ChaosStack stack) {
        FaultSchedule schedule = new FaultSchedule();
        PaymentGenerator primaryEvents = PaymentGenerator.builder().seed(SEED).sourceRegion("us-east-1").build();
        PaymentGenerator secondaryEvents = PaymentGenerator.builder().seed(SEED + 1).sourceRegion("us-west-2").build();
        stack.regions.values().forEach(r -> r.function().crashes(true));
        long start = System.nanoTime();
        for (int i = 0; i < PAYLOADS; i++) {
            int index = i;
            schedule.before(i, stack.devstack.faults()).forEach(step -> timeline.add("at payload " + index + ": " + step));
            boolean viaSecondary = i % 5 == 4 && !FaultSchedule.secondaryDown(i);
            List<PaymentTransaction> batch = (viaSecondary ? secondaryEvents : primaryEvents).nextBatch(RECORDS_PER_PAYLOAD);
            Region via = viaSecondary ? stack.secondary() : stack.primary();
            receipts.add(publishWithRetries(via.publisher(), batch));
            batch.forEach(t -> published.put(t.transactionId(), t));
            long due = start + PUBLISH_PACE.toNanos() * (i + 1);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Await.pause(Duration.ofNanos(wait));
            }
        }
        assertEquals(PAYLOADS * RECORDS_PER_PAYLOAD, published.size(), "generated transaction ids are unique");
    }

    /** Retries a publish that met an injected fault with the same batch id, as the publisher's contract says. */
    private PublishReceipt publishWithRetries(PaymentPublisher publisher, List<PaymentTransaction> batch) {
        String batchId = publisher.newBatchId();
        for (int attempt = 1; ; attempt++) {
            try {
                return publisher.publish(batchId, batch);
            } catch (PublishException e) {
                publishRetries++;
                if (attempt == 30) {
                    throw e;
                }
                Await.pause(Duration.ofMillis(100L * Math.min(attempt, 10)));
            }
        }
    }

    private void awaitDrained(ChaosStack stack, int poisonCount) {
        int expected = published.size();
        Await.until("both Regions to load everything and both queues to drain", DRAIN_TIMEOUT, () ->
                stack.regions.values().stream().allMatch(r -> r.warehouse().paymentRows() >= expected
                        && ChaosStack.depth(r.sqs(), r.stack().queueUrl()) == 0
                        && ChaosStack.depth(r.sqs(), r.stack().deadLetterUrl()) >= poisonCount),
                () -> stack.regions.values().stream().map(r -> r.region().id() + ": rows "
                        + r.warehouse().paymentRows() + "/" + expected + ", queue " + ChaosStack.depth(r.sqs(),
                        r.stack().queueUrl()) + ", dlq " + ChaosStack.depth(r.sqs(), r.stack().deadLetterUrl()) + "/"
                        + poisonCount).collect(Collectors.joining("; ")));
    }

    private void assertLedgersAgree(ChaosStack stack) {
        Map<String, List<String>> primary = stack.primary().warehouse().ledger();
        Map<String, List<String>> secondary = stack.secondary().warehouse().ledger();
        assertEquals(PAYLOADS, primary.size(), "one ledger row per published payload in us-east-1");
        assertEquals(primary, secondary, "the ledgers of both Regions agree");
        for (PublishReceipt receipt : receipts) {
            assertEquals(List.of(receipt.batchId() + "/" + receipt.sha256() + "/" + RECORDS_PER_PAYLOAD),
                    primary.get(receipt.key()), "ledger row of " + receipt.key());
        }
    }

    private void assertReconciled(ChaosStack stack) {
        Instant from = published.values().stream().map(PaymentTransaction::occurredAt).min(Comparator.naturalOrder())
                .orElseThrow();
        Instant to = published.values().stream().map(PaymentTransaction::occurredAt).max(Comparator.naturalOrder())
                .orElseThrow().plusMillis(1);
        String schema = stack.primary().warehouse().schema();
        try (var primaryData = stack.devstack.redshiftData(DevRegion.PRIMARY);
             var secondaryData = stack.devstack.redshiftData(DevRegion.SECONDARY)) {
            ReconcileReport report = Reconciler.builder()
                    .primary(WarehouseTarget.workgroup("us-east-1", "paydr-us-east-1", "payments"), primaryData)
                    .secondary(WarehouseTarget.workgroup("us-west-2", "paydr-us-west-2", "payments"), secondaryData)
                    .range(TimeRange.of(from, to)).paymentsTable(schema + ".payments")
                    .ledgerTable(schema + ".payments_ingest_ledger").build().reconcile();
            assertTrue(report.equal(), "ops reconcile finds the warehouses equal: " + report);
        }
    }

    private static void assertDeadLettersAreThePlantedPoison(Region region, List<Poison> poison, LogCapture log) {
        List<Message> dead = DeadLetters.receiveAll(region.sqs(), region.stack().deadLetterUrl(), poison.size());
        Map<String, Long> identities = new TreeMap<>();
        dead.forEach(m -> identities.merge(DeadLetters.identity(m), 1L, Long::sum));
        Map<String, Long> planted = new TreeMap<>();
        poison.forEach(p -> planted.put(p.identity(), 1L));
        assertEquals(planted, identities, region.region().id() + " DLQ holds exactly the planted poison, once each");
        Map<String, Poison> byIdentity = poison.stream().collect(Collectors.toMap(Poison::identity, p -> p));
        for (Message m : dead) {
            Poison p = byIdentity.get(DeadLetters.identity(m));
            List<JsonNode> rejections = log.rejections(m.messageId());
            assertFalse(rejections.isEmpty(), region.region().id() + " " + p.name() + ": rejection logged");
            rejections.forEach(r -> assertEquals(p.reason().name(), r.path("reason").asText(),
                    region.region().id() + " " + p.name() + ": logged reason"));
        }
    }

    private static void assertFaultsHappened(ChaosStack stack, Map<String, Long> faults) {
        assertTrue(FaultKinds.s3ServerErrors(faults) > 0, "S3 errors were injected: " + faults);
        assertTrue(FaultKinds.dataApiThrottles(faults) > 0, "Data API throttling was injected: " + faults);
        assertTrue(FaultKinds.dataApiServerErrors(faults) > 0, "Data API failures were injected: " + faults);
        assertTrue(FaultKinds.regionDown(faults) > 0, "the outage was met: " + faults);
        stack.regions.values().forEach(r -> {
            assertTrue(r.function().crashedInvocations() > 0, r.region().id() + " crashed after commit");
            assertTrue(r.function().duplicateDeliveries() > 0, r.region().id() + " received duplicate deliveries");
        });
    }

    /** message_retry details without their variable parts (ids, keys, numbers), counted. */
    private static Map<String, Long> retryCauses(LogCapture log) {
        return log.events("message_retry").stream().map(n -> shortCause(n.path("detail").asText()))
                .collect(Collectors.groupingBy(d -> d, TreeMap::new, Collectors.counting()));
    }

    private static String shortCause(String detail) {
        String cause = detail.replaceAll("s3://\\S+|[0-9a-f]{8}-[0-9a-f-]{27,}|\\d+", "#").replaceAll("\\s+", " ");
        return cause.substring(0, Math.min(90, cause.length()));
    }

    private void printSummary(ChaosStack stack, Map<DevRegion, PublishedComparison> comparisons,
                              Map<String, Long> faults, List<Poison> poison, double publishSeconds,
                              double totalSeconds) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("payloads %d x %d records = %d transactions, published in %.1f s (%d publish retries);"
                        + " drained after %.1f s", PAYLOADS, RECORDS_PER_PAYLOAD, published.size(), publishSeconds,
                publishRetries, totalSeconds));
        timeline.forEach(step -> lines.add("schedule: " + step));
        lines.add(FaultKinds.summary(faults));
        faults.forEach((kind, count) -> lines.add("  client saw: " + kind + " x " + count));
        for (Region r : stack.regions.values()) {
            PublishedComparison c = comparisons.get(r.region());
            lines.add(String.format("%s: rows %d, lost %d, duplicated %d, unexpected %d, different %d; ledger %d;"
                            + " SNS duplicate deliveries received %d; crashes after commit %d invocations / %d messages;"
                            + " poller %s", r.region().id(), c.loadedRows(), c.missing().count(), c.duplicated().count(),
                    c.unexpected().count(), c.different().count(), r.warehouse().ledgerRows(),
                    r.function().duplicateDeliveries(), r.function().crashedInvocations(),
                    r.function().crashedMessages(), r.poller().stats()));
        }
        lines.add("replication: " + stack.replicationState());
        lines.add("retries by cause (message_retry log lines): " + retryCauses);
        lines.add("poison planted " + poison.size() + " per Region: " + poison.stream()
                .map(p -> p.name() + "=" + p.reason()).collect(Collectors.joining(", ")));
        lines.forEach(line -> System.out.println("[chaos] " + line));
    }
}
