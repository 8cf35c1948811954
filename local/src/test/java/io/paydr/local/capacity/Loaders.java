package io.paydr.local.capacity;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.paydr.aws.DataApiException;
import io.paydr.aws.DataApiExecutor;
import io.paydr.aws.Deadline;
import io.paydr.aws.RedshiftTarget;
import io.paydr.contract.ContentEncoding;
import io.paydr.contract.NdjsonReader;
import io.paydr.contract.PayloadPointer;
import io.paydr.contract.PaymentTransaction;
import io.paydr.contract.PointerCodec;
import io.paydr.ingest.config.IngestConfig;
import io.paydr.ingest.handler.SqsIngestHandler;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The three loaders the capacity benchmark compares, each a Lambda handler behind the same event source emulation,
 * against the same warehouse and Data API (the same runner: long polling, two calls per statement that ends within
 * the wait):
 * <ul>
 *   <li>{@code paydr}: the ingest function itself ({@link SqsIngestHandler}), configured from template.yaml;</li>
 *   <li>{@code copy-per-payload}: one COPY transaction per payload straight into the target table, unbatched, as
 *       aws-lambda-redshift-loader and most hand-written loaders do (no dedupe, no proof);</li>
 *   <li>{@code row-inserts}: the naive loader, one INSERT statement (its own transaction) per record.</li>
 * </ul>
 * Each concurrent invocation gets an instance of its own from a pool, as each concurrent Lambda invocation has its
 * own execution environment.
 */
final class Loaders {

    static final String COPY_TABLE = "public.bench_copy_per_payload";
    static final String ROW_TABLE = "public.bench_row_inserts";
    static final String COLUMNS = "transaction_id, merchant_id, amount_minor, currency, status, occurred_at, source_region";
    static final String BENCH_DDL = " (transaction_id VARCHAR(64) NOT NULL, merchant_id VARCHAR(64) NOT NULL,"
            + " amount_minor BIGINT NOT NULL, currency CHAR(3) NOT NULL, status VARCHAR(16) NOT NULL,"
            + " occurred_at TIMESTAMP NOT NULL, source_region VARCHAR(32) NOT NULL)"
            + " DISTKEY(transaction_id) SORTKEY(occurred_at)";

    private Loaders() {
    }

    /** Handlers from a pool: an invocation takes an idle instance or makes one, and gives it back after. */
    private static final class Pooled<H extends RequestHandler<SQSEvent, SQSBatchResponse>>
            implements RequestHandler<SQSEvent, SQSBatchResponse> {
        private final ConcurrentLinkedQueue<H> idle = new ConcurrentLinkedQueue<>();
        private final Supplier<H> create;

        Pooled(Supplier<H> create) {
            this.create = create;
        }

        @Override
        public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
            H handler = idle.poll();
            if (handler == null) {
                handler = create.get();
            }
            try {
                return handler.handleRequest(event, context);
            } finally {
                idle.add(handler);
            }
        }
    }

    static RequestHandler<SQSEvent, SQSBatchResponse> paydr(Map<String, String> functionEnvironment) {
        IngestConfig config = IngestConfig.fromEnvironment(functionEnvironment);
        return new Pooled<>(() -> new SqsIngestHandler(config));
    }

    static RequestHandler<SQSEvent, SQSBatchResponse> copyPerPayload(Supplier<RedshiftDataClient> clients,
                                                                    RedshiftTarget target) {
        return new Pooled<>(() -> new PerMessage(new DataApiExecutor(clients.get(), target), (executor, pointer, deadline) ->
                executor.execute("COPY " + COPY_TABLE + " (" + COLUMNS + ") FROM 's3://" + pointer.bucket() + "/"
                        + pointer.key() + "' IAM_ROLE default FORMAT AS JSON 'auto' TIMEFORMAT 'auto'", Map.of(),
                        deadline)));
    }

    /** @param stop when it turns true the loader gives up its payload (its message goes back), so a cell can end */
    static RequestHandler<SQSEvent, SQSBatchResponse> rowInserts(Supplier<RedshiftDataClient> clients,
                                                                RedshiftTarget target, S3Client s3,
                                                                BooleanSupplier stop) {
        String insert = "INSERT INTO " + ROW_TABLE + " (" + COLUMNS + ") VALUES (:id, :merchant, CAST(:amount AS BIGINT),"
                + " :currency, :status, CAST(:at AS TIMESTAMP), :region)";
        return new Pooled<>(() -> new PerMessage(new DataApiExecutor(clients.get(), target), (executor, pointer, deadline) -> {
            try (InputStream in = s3.getObject(r -> r.bucket(pointer.bucket()).key(pointer.key()));
                 NdjsonReader records = NdjsonReader.open(in, ContentEncoding.IDENTITY)) {
                while (records.hasNext()) {
                    if (stop.getAsBoolean() || deadline.isExpired()) {
                        throw new DataApiException(DataApiException.Kind.TRANSIENT, "out of time after "
                                + records.linesRead() + " rows");
                    }
                    PaymentTransaction t = records.next();
                    Map<String, String> p = new LinkedHashMap<>();
                    p.put("id", t.transactionId());
                    p.put("merchant", t.merchantId());
                    p.put("amount", Long.toString(t.amountMinor()));
                    p.put("currency", t.currency());
                    p.put("status", t.status().name());
                    p.put("at", t.occurredAt().toString());
                    p.put("region", t.sourceRegion());
                    executor.execute(insert, p, deadline);
                }
            } catch (java.io.IOException e) {
                throw new DataApiException(DataApiException.Kind.TRANSIENT, "reading the payload: " + e.getMessage(), e);
            }
        }));
    }

    /** What a per-message loader does with one payload. */
    @FunctionalInterface
    interface Load {
        void load(DataApiExecutor executor, PayloadPointer pointer, Deadline deadline);
    }

    /** A loader that handles the messages of a batch one after the other, each in its own transaction(s). */
    private static final class PerMessage implements RequestHandler<SQSEvent, SQSBatchResponse> {
        private static final Duration SAFETY = Duration.ofSeconds(3);
        private final DataApiExecutor executor;
        private final Load load;

        PerMessage(DataApiExecutor executor, Load load) {
            this.executor = executor;
            this.load = load;
        }

        @Override
        public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
            Deadline deadline = Deadline.after(Duration.ofMillis(context.getRemainingTimeInMillis()).minus(SAFETY));
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            for (SQSEvent.SQSMessage m : event.getRecords()) {
                try {
                    load.load(executor, PointerCodec.parse(m.getBody()), deadline);
                } catch (RuntimeException e) {
                    failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(m.getMessageId()).build());
                }
            }
            return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
        }
    }
}
