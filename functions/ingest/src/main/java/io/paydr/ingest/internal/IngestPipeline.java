package io.paydr.ingest.internal;

import io.paydr.contract.MessageRejectedException;
import io.paydr.aws.DataApiException;
import io.paydr.aws.DataApiExecutor;
import io.paydr.aws.Deadline;
import io.paydr.ingest.load.LedgerEntry;
import io.paydr.ingest.load.LoadResult;
import io.paydr.ingest.load.LoadUnit;
import io.paydr.ingest.load.Loader;
import io.paydr.ingest.payload.MessageScreen;
import io.paydr.ingest.payload.PayloadRequest;
import io.paydr.ingest.payload.PayloadResolver;
import io.paydr.ingest.payload.PayloadUnavailableException;
import io.paydr.ingest.payload.ReceivedMessage;
import io.paydr.ingest.payload.VerifiedPayload;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Processes one batch of messages, shared by both handlers: screen each message, drop payloads the ledger already
 * holds, read and verify the others, load them all in one transaction (bisecting on failure), and decide the fate
 * of every message. Messages that carry the same payload share its fate; a payload is loaded once.
 */
public final class IngestPipeline {
    private final MessageScreen screen;
    private final PayloadResolver resolver;
    private final Loader loader;
    private final DataApiExecutor executor;
    private final Clock clock;
    private final Executor workers;

    /** @param workers runs the ledger lookup and the payload reads of a batch concurrently */
    public IngestPipeline(MessageScreen screen, PayloadResolver resolver, Loader loader, DataApiExecutor executor,
                          Clock clock, Executor workers) {
        this.screen = screen;
        this.resolver = resolver;
        this.loader = loader;
        this.executor = executor;
        this.clock = clock;
        this.workers = workers;
    }

    /**
     * @param keepSmallPayloadRows load payloads below the COPY threshold by INSERT (event mode); false: COPY all
     */
    public BatchOutcome process(List<ReceivedMessage> messages, Deadline deadline, UnitPlanner planner,
                                boolean keepSmallPayloadRows) {
        Batch batch = new Batch(messages, executor.apiCalls());
        Map<String, List<PayloadRequest>> byPayload = screenAll(messages, batch);
        if (byPayload.isEmpty()) {
            return batch.outcome(executor.apiCalls());
        }
        // The ledger lookup and the payload reads are independent: run them side by side.
        CompletableFuture<Set<String>> ledger = CompletableFuture.supplyAsync(
                () -> loader.alreadyLoaded(byPayload.keySet(), deadline), workers);
        Map<String, CompletableFuture<Resolution>> resolutions = new LinkedHashMap<>();
        byPayload.forEach((key, requests) -> resolutions.put(key, CompletableFuture.supplyAsync(
                () -> resolve(requests.get(0), keepSmallPayloadRows), workers)));
        Set<String> loaded;
        try {
            loaded = ledger.join();
        } catch (CompletionException e) {
            resolutions.values().forEach(CompletableFuture::join);
            String why = e.getCause() instanceof DataApiException d ? d.getMessage() : String.valueOf(e.getCause());
            byPayload.values().forEach(requests -> batch.retry(requests, "ledger lookup failed: " + why));
            return batch.outcome(executor.apiCalls());
        }
        List<VerifiedPayload> verified = new ArrayList<>();
        byPayload.forEach((key, requests) -> {
            Resolution resolution = resolutions.get(key).join();
            if (loaded.contains(key)) {
                batch.alreadyLoaded(requests);
            } else {
                resolution.apply(requests, batch).ifPresent(verified::add);
            }
        });
        load(verified, planner, deadline, byPayload, batch);
        return batch.outcome(executor.apiCalls());
    }

    private Map<String, List<PayloadRequest>> screenAll(List<ReceivedMessage> messages, Batch batch) {
        Map<String, List<PayloadRequest>> byPayload = new LinkedHashMap<>();
        for (ReceivedMessage message : messages) {
            try {
                PayloadRequest request = screen.screen(message);
                byPayload.computeIfAbsent(request.payloadKey(), k -> new ArrayList<>()).add(request);
            } catch (MessageRejectedException e) {
                batch.reject(List.of(message), e);
            }
        }
        return byPayload;
    }

    /** The outcome of reading one payload, applied to the batch on the calling thread. */
    private record Resolution(VerifiedPayload payload, MessageRejectedException rejection, String retryReason) {
        Optional<VerifiedPayload> apply(List<PayloadRequest> requests, Batch batch) {
            if (rejection != null) {
                batch.reject(requests.stream().map(PayloadRequest::message).toList(), rejection);
            } else if (retryReason != null) {
                batch.retry(requests, retryReason);
            } else if (payload.replicaMiss()) {
                batch.replicaMisses++;
            }
            return Optional.ofNullable(payload);
        }
    }

    private Resolution resolve(PayloadRequest request, boolean keepSmallPayloadRows) {
        try {
            return new Resolution(resolver.resolve(request, keepSmallPayloadRows), null, null);
        } catch (MessageRejectedException e) {
            return new Resolution(null, e, null);
        } catch (PayloadUnavailableException e) {
            return new Resolution(null, null, e.getMessage());
        } catch (RuntimeException e) {
            JsonLog.error("payload_resolution_failed", Map.of("payloadKey", request.payloadKey(),
                    "error", e.getClass().getSimpleName()));
            return new Resolution(null, null, "unexpected " + e.getClass().getSimpleName());
        }
    }

    private void load(List<VerifiedPayload> verified, UnitPlanner planner, Deadline deadline,
                      Map<String, List<PayloadRequest>> byPayload, Batch batch) {
        if (verified.isEmpty()) {
            return;
        }
        List<LoadUnit> units;
        try {
            units = planner.plan(verified);
        } catch (PayloadUnavailableException e) {
            verified.forEach(p -> batch.retry(byPayload.get(p.request().payloadKey()), e.getMessage()));
            return;
        }
        long started = clock.millis();
        LoadResult result = loader.load(units, deadline);
        List<LoadResult> results = new ArrayList<>(List.of(result));
        List<VerifiedPayload> retryAlone = payloadsOfFailedMultiPayloadUnits(result, verified);
        if (!retryAlone.isEmpty()) {
            // A manifest COPY covers many payloads: find the failing one by loading them one unit each.
            results.add(loader.load(UnitPlanner.PER_PAYLOAD.plan(retryAlone), deadline));
        }
        batch.loadLatencyMillis = clock.millis() - started;
        Set<String> retriedAlone = new HashSet<>();
        retryAlone.forEach(p -> retriedAlone.add(p.request().payloadKey()));
        batch.record(result, byPayload, retriedAlone);
        results.subList(1, results.size()).forEach(r -> batch.record(r, byPayload, Set.of()));
    }

    private static List<VerifiedPayload> payloadsOfFailedMultiPayloadUnits(LoadResult result,
                                                                           List<VerifiedPayload> verified) {
        Set<String> keys = new HashSet<>();
        result.failed().stream()
                .filter(f -> f.unit().ledger().size() > 1 && f.error().kind() == DataApiException.Kind.STATEMENT_FAILED)
                .forEach(f -> f.unit().ledger().forEach(entry -> keys.add(entry.payloadKey())));
        return verified.stream().filter(p -> keys.contains(p.request().payloadKey())).toList();
    }

    /** The mutable state of one batch while it is processed. */
    private final class Batch {
        final Map<String, Disposition> dispositions = new LinkedHashMap<>();
        final Map<String, ReceivedMessage> messages = new LinkedHashMap<>();
        final long apiCallsBefore;
        final List<Long> ingestLags = new ArrayList<>();
        long payloadsLoaded;
        long payloadsAlreadyLoaded;
        long rowsInserted;
        long duplicateRowsSkipped;
        long replicaMisses;
        long loadLatencyMillis;
        int transactions;

        Batch(List<ReceivedMessage> received, long apiCallsBefore) {
            this.apiCallsBefore = apiCallsBefore;
            for (ReceivedMessage m : received) {
                messages.put(m.messageId(), m);
                dispositions.put(m.messageId(), Disposition.retry("not processed"));
            }
        }

        void reject(List<ReceivedMessage> rejected, MessageRejectedException e) {
            for (ReceivedMessage m : rejected) {
                dispositions.put(m.messageId(), Disposition.rejected(e.reason(), e.detail()));
                JsonLog.warn("message_rejected", Map.of("messageId", m.messageId(), "reason", e.reason().name(),
                        "detail", SafeText.of(e.detail())));
            }
        }

        void retry(List<PayloadRequest> requests, String why) {
            String detail = SafeText.of(why);
            for (PayloadRequest r : requests) {
                dispositions.put(r.message().messageId(), Disposition.retry(detail));
                JsonLog.warn("message_retry", Map.of("messageId", r.message().messageId(),
                        "payloadKey", r.payloadKey(), "detail", detail));
            }
        }

        void alreadyLoaded(List<PayloadRequest> requests) {
            payloadsAlreadyLoaded++;
            requests.forEach(r -> dispositions.put(r.message().messageId(), Disposition.alreadyLoaded()));
        }

        /** Applies a load result, except failures of payloads that are tried again on their own. */
        void record(LoadResult result, Map<String, List<PayloadRequest>> byPayload, Set<String> triedAgain) {
            transactions += result.transactions();
            rowsInserted += result.rowsInserted();
            duplicateRowsSkipped += result.duplicateRowsSkipped();
            long now = clock.millis();
            for (LoadUnit unit : result.committed()) {
                for (LedgerEntry entry : unit.ledger()) {
                    payloadsLoaded++;
                    for (PayloadRequest r : byPayload.get(entry.payloadKey())) {
                        dispositions.put(r.message().messageId(), Disposition.loaded());
                        r.message().sentAt().ifPresent(sent -> ingestLags.add(Math.max(0, now - sent.toEpochMilli())));
                    }
                }
            }
            for (LoadResult.Failure failure : result.failed()) {
                failure.unit().ledger().stream().filter(entry -> !triedAgain.contains(entry.payloadKey()))
                        .forEach(entry -> retry(byPayload.get(entry.payloadKey()),
                                "load failed (" + failure.error().kind() + "): " + failure.error().getMessage()));
            }
        }

        BatchOutcome outcome(long apiCallsNow) {
            return new BatchOutcome(dispositions, payloadsLoaded, payloadsAlreadyLoaded, rowsInserted,
                    duplicateRowsSkipped, replicaMisses, transactions, apiCallsNow - apiCallsBefore, loadLatencyMillis,
                    ingestLags);
        }
    }

}
