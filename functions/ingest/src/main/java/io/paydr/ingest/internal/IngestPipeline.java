package io.paydr.ingest.internal;

import io.paydr.contract.InboundMessage;
import io.paydr.contract.MessageRejectedException;
import io.paydr.aws.DataApiException;
import io.paydr.aws.DataApiExecutor;
import io.paydr.aws.Deadline;
import io.paydr.aws.TableName;
import io.paydr.ingest.load.LoadResult;
import io.paydr.ingest.load.LoadUnit;
import io.paydr.ingest.load.Loader;
import io.paydr.ingest.load.StagedObject;
import io.paydr.ingest.payload.MessageScreen;
import io.paydr.ingest.payload.PayloadRequest;
import io.paydr.ingest.payload.PayloadResolver;
import io.paydr.ingest.payload.PayloadUnavailableException;
import io.paydr.ingest.payload.ReceivedMessage;
import io.paydr.ingest.payload.Staged;
import io.paydr.ingest.payload.StagedRows;
import io.paydr.ingest.payload.StagingStore;
import io.paydr.ingest.payload.VerifiedPayload;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Processes one batch of messages, shared by both handlers (docs/architecture.md, "Identity and convergence"):
 * <ol>
 *   <li>screen each message; messages making the same claim (same object or inline body, same attributes) are
 *       read and verified once, and a message making another claim on the same object is verified on its own, so
 *       a bad message never fails or vouches for a good one;</li>
 *   <li>a verified payload's identity is its content's digest: payloads of one identity (under any key, bucket or
 *       inline) load once;</li>
 *   <li>large payloads' verified records are staged in this Region's bucket; everything loads in one transaction
 *       that proves the staged rows are the verified ones (bisecting on failure). The ledger check runs inside that
 *       transaction: a payload loaded before merges again as a no-op and is acknowledged as already loaded, so the
 *       common invocation costs two Data API calls, whatever its message count.</li>
 * </ol>
 */
public final class IngestPipeline {
    /** Time kept back from verification for staging and loading (on Redshift a load takes seconds). */
    static final Duration LOAD_RESERVE = Duration.ofSeconds(10);
    private final MessageScreen screen;
    private final PayloadResolver resolver;
    private final Loader loader;
    private final StagingStore staging;
    private final DataApiExecutor executor;
    private final Clock clock;
    private final Executor workers;

    /** @param workers runs the payload reads and the staging writes of a batch concurrently */
    public IngestPipeline(MessageScreen screen, PayloadResolver resolver, Loader loader, StagingStore staging,
                          DataApiExecutor executor, Clock clock, Executor workers) {
        this.screen = screen;
        this.resolver = resolver;
        this.loader = loader;
        this.staging = staging;
        this.executor = executor;
        this.clock = clock;
        this.workers = workers;
    }

    /** What one message claims: a payload (object or inline body) with these attributes, for this table. */
    private record Claim(InboundMessage inbound, TableName table) {
    }

    /** The verified payloads of one identity and every message that claimed them. */
    private record Identity(VerifiedPayload payload, List<PayloadRequest> requests) {
    }

    /**
     * @param keepSmallPayloadRows load payloads below the COPY threshold by INSERT (event mode); false: COPY all
     *                             S3 payloads (drain mode)
     */
    public BatchOutcome process(List<ReceivedMessage> messages, Deadline deadline, boolean keepSmallPayloadRows) {
        BatchState batch = new BatchState(messages, executor.apiCalls(), clock);
        Map<Claim, List<PayloadRequest>> claims = screenAll(messages, batch);
        if (claims.isEmpty()) {
            return batch.outcome(executor.apiCalls());
        }
        Map<Claim, CompletableFuture<Resolution>> resolutions = new LinkedHashMap<>();
        Deadline verifyBy = verificationDeadline(deadline);
        claims.forEach((claim, requests) -> resolutions.put(claim, CompletableFuture.supplyAsync(
                () -> resolve(requests.get(0), keepSmallPayloadRows, verifyBy), workers)));
        Map<String, Identity> identities = new LinkedHashMap<>();
        claims.forEach((claim, requests) -> resolutions.get(claim).join().apply(requests, batch).ifPresent(payload ->
                identities.computeIfAbsent(payload.identity(), id -> new Identity(payload, new ArrayList<>()))
                        .requests().addAll(requests)));
        load(new ArrayList<>(identities.values()), deadline, batch);
        return batch.outcome(executor.apiCalls());
    }

    /**
     * Verification must leave time to stage and load what it verified: it stops at the invocation's deadline minus
     * {@link #LOAD_RESERVE} (or a third of the time left, when that is less), so a payload that would take longer
     * goes back for a retry while the others load.
     */
    static Deadline verificationDeadline(Deadline invocation) {
        Duration remaining = invocation.remaining();
        Duration reserve = remaining.dividedBy(3).compareTo(LOAD_RESERVE) < 0 ? remaining.dividedBy(3)
                : LOAD_RESERVE;
        return Deadline.after(remaining.minus(reserve));
    }

    private Map<Claim, List<PayloadRequest>> screenAll(List<ReceivedMessage> messages, BatchState batch) {
        Map<Claim, List<PayloadRequest>> claims = new LinkedHashMap<>();
        for (ReceivedMessage message : messages) {
            InboundMessage inbound = null;
            try {
                inbound = screen.parse(message);
                PayloadRequest request = screen.screen(message, inbound);
                claims.computeIfAbsent(new Claim(request.inbound(), request.table()), c -> new ArrayList<>())
                        .add(request);
            } catch (MessageRejectedException e) {
                batch.reject(List.of(message), e, inbound);
            }
        }
        return claims;
    }

    /** The outcome of reading one claim, applied to the batch on the calling thread. */
    private record Resolution(VerifiedPayload payload, MessageRejectedException rejection, String retryReason) {
        Optional<VerifiedPayload> apply(List<PayloadRequest> requests, BatchState batch) {
            if (rejection != null) {
                batch.reject(requests.stream().map(PayloadRequest::message).toList(), rejection,
                        requests.get(0).inbound());
            } else if (retryReason != null) {
                batch.retry(requests, retryReason);
            } else if (payload.replicaMiss()) {
                batch.replicaMisses++;
            }
            return Optional.ofNullable(payload);
        }
    }

    private Resolution resolve(PayloadRequest request, boolean keepSmallPayloadRows, Deadline verifyBy) {
        try {
            return new Resolution(resolver.resolve(request, keepSmallPayloadRows, verifyBy), null, null);
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

    /** The contract says a key is written once: other content under a key the ledger knows loads, and is reported. */
    private static void reportReusedKeys(Identity group, List<Loader.Loaded> ledgerRows, BatchState batch) {
        if (ledgerRows.isEmpty()) {
            return;
        }
        Set<String> reported = new LinkedHashSet<>();
        for (PayloadRequest request : group.requests()) {
            for (Loader.Loaded row : ledgerRows) {
                if (row.payloadKey().equals(request.payloadKey()) && !row.payloadSha256().equals(group.payload().identity())
                        && reported.add(row.payloadSha256())) {
                    Map<String, Object> fields = new LinkedHashMap<>();
                    fields.put("bucket", request.inbound().pointer().map(p -> p.bucket()).orElse("(inline)"));
                    fields.put("key", request.payloadKey());
                    fields.put("loadedSha256", row.payloadSha256());
                    fields.put("loadedBucket", String.valueOf(row.bucket()));
                    fields.put("payloadSha256", group.payload().identity());
                    fields.put("messageId", request.message().messageId());
                    JsonLog.warn("payload_key_reused", fields);
                }
            }
        }
        if (!reported.isEmpty()) {
            batch.reusedKey();
        }
    }

    private void load(List<Identity> toLoad, Deadline deadline, BatchState batch) {
        if (toLoad.isEmpty()) {
            return;
        }
        Map<String, List<PayloadRequest>> requestsByIdentity = new LinkedHashMap<>();
        Map<String, CompletableFuture<Optional<StagedObject>>> staged = new LinkedHashMap<>();
        for (Identity group : toLoad) {
            VerifiedPayload payload = group.payload();
            requestsByIdentity.put(payload.identity(), group.requests());
            Optional<StagedRows> pending = payload.staged().flatMap(Staged::pending);
            staged.put(payload.identity(), pending.isEmpty()
                    ? CompletableFuture.completedFuture(payload.staged().flatMap(Staged::uploaded))
                    : CompletableFuture.supplyAsync(() -> Optional.of(staging.stage(payload.identity(),
                            pending.get())), workers));
        }
        List<LoadUnit> units = new ArrayList<>();
        for (Identity group : toLoad) {
            String identity = group.payload().identity();
            try {
                units.add(group.payload().toLoadUnit(staged.get(identity).join()));
            } catch (CompletionException e) {
                batch.retry(group.requests(), e.getCause() instanceof DataApiException d ? d.getMessage()
                        : "staging failed: " + e.getCause());
            }
        }
        Map<String, Set<String>> keys = new LinkedHashMap<>();
        toLoad.forEach(group -> group.requests().forEach(r -> keys.computeIfAbsent(group.payload().identity(),
                id -> new LinkedHashSet<>()).add(r.payloadKey())));
        long started = clock.millis();
        LoadResult result = loader.load(units, keys, deadline);
        batch.loadLatencyMillis = clock.millis() - started;
        batch.record(result, requestsByIdentity);
        for (Identity group : toLoad) {
            String identity = group.payload().identity();
            boolean committedNow = result.committed().stream()
                    .anyMatch(unit -> unit.identity().equals(identity) && !result.loadedBefore(unit));
            if (committedNow) {
                reportReusedKeys(group, result.knownLedgerRows(), batch);
            }
        }
    }
}
