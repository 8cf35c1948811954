package io.paydr.ingest.internal;

import io.paydr.ingest.config.RegionRole;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

/**
 * Emits one CloudWatch Embedded Metric Format record per invocation (namespace {@value #NAMESPACE}, dimension
 * {@value #DIMENSION}). IngestLag is one value per committed message: now - SentTimestamp, the Region's recovery
 * point. The Lambda environment is set explicitly so nothing probes for an agent or instance metadata.
 *
 * <p>Each record is also a log line Lambda can filter: it carries {@code timestamp} (RFC 3339) and a {@code level}
 * that passes the function's ApplicationLogLevel ({@link LogLevel#alwaysPassing}), because Lambda drops a JSON line
 * below the filter and counts one without a level as INFO: at WARN the metrics would vanish and the alarms on them
 * (TreatMissingData notBreaching) go quiet. It carries the invocation's request id like every other line, and goes
 * to {@link JsonLog}'s stream, so whoever captures the function's log captures its metrics too.
 */
public final class IngestMetrics {
    public static final String NAMESPACE = "paydr/ingest";
    public static final String DIMENSION = "RegionRole";

    private final RegionRole role;
    private final String region;
    private final LogLevel level;
    private final DataApiThrottles throttles;

    public IngestMetrics(RegionRole role, String region, LogLevel level, DataApiThrottles throttles) {
        this.role = role;
        this.region = region;
        this.level = level;
        this.throttles = throttles;
    }

    public void emit(BatchOutcome outcome, String mode) {
        MetricsLogger metrics = new MetricsLogger(new ToJsonLog());
        try {
            metrics.setNamespace(NAMESPACE);
            metrics.setDimensions(DimensionSet.of(DIMENSION, role.value()));
            metrics.putProperty("timestamp", Instant.now().toString());
            metrics.putProperty("level", level.name());
            InvocationLog.fields().forEach(metrics::putProperty);
            metrics.putProperty("Region", region);
            metrics.putProperty("Mode", mode);
            metrics.putMetric("PayloadsLoaded", outcome.payloadsLoaded(), Unit.COUNT);
            metrics.putMetric("PayloadsAlreadyLoaded", outcome.payloadsAlreadyLoaded(), Unit.COUNT);
            metrics.putMetric("RowsInserted", outcome.rowsInserted(), Unit.COUNT);
            metrics.putMetric("DuplicateRowsSkipped", outcome.duplicateRowsSkipped(), Unit.COUNT);
            metrics.putMetric("ConflictingRecords", outcome.conflictingRecords(), Unit.COUNT);
            metrics.putMetric("ReusedPayloadKeys", outcome.reusedPayloadKeys(), Unit.COUNT);
            metrics.putMetric("ReplicaMisses", outcome.replicaMisses(), Unit.COUNT);
            metrics.putMetric("MessagesRejected", outcome.count(Disposition.Kind.REJECTED), Unit.COUNT);
            metrics.putMetric("MessagesRetried", outcome.count(Disposition.Kind.RETRY), Unit.COUNT);
            metrics.putMetric("DataApiCalls", outcome.dataApiCalls(), Unit.COUNT);
            metrics.putMetric("DataApiThrottles", throttles.takeCount(), Unit.COUNT);
            if (outcome.transactions() > 0) {
                metrics.putMetric("LoadLatency", outcome.loadLatencyMillis(), Unit.MILLISECONDS);
            }
            outcome.ingestLagsMillis().forEach(lag -> metrics.putMetric("IngestLag", lag, Unit.MILLISECONDS));
            metrics.flush();
        } catch (RuntimeException e) {
            // Metrics must never fail a load that committed.
            JsonLog.warn("metrics_failed", Map.of("error", e.getClass().getSimpleName()));
        }
    }

    /** Lambda's EMF environment (function name, version, log stream as properties), writing through JsonLog. */
    private static final class ToJsonLog extends LambdaEnvironment {
        private static final ISink SINK = new ISink() {
            @Override
            public void accept(MetricsContext context) {
                try {
                    // more than 100 values of one metric are split into several records, each a whole line
                    context.serialize().forEach(JsonLog::raw);
                } catch (Exception e) {
                    JsonLog.warn("metrics_failed", Map.of("error", e.getClass().getSimpleName()));
                }
            }

            @Override
            public CompletableFuture<Void> shutdown() {
                return CompletableFuture.completedFuture(null);
            }
        };

        @Override
        public ISink getSink() {
            return SINK;
        }
    }
}
