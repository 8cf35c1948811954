package io.paydr.ingest.internal;

import io.paydr.ingest.config.RegionRole;
import java.util.Map;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

/**
 * Emits one CloudWatch Embedded Metric Format record per invocation (namespace {@value #NAMESPACE}, dimension
 * RegionRole). IngestLag is one value per committed message: now - SentTimestamp, the Region's recovery point.
 * The Lambda environment is set explicitly so nothing probes for an agent or instance metadata.
 */
public final class IngestMetrics {
    public static final String NAMESPACE = "paydr/ingest";

    private final RegionRole role;
    private final String region;

    public IngestMetrics(RegionRole role, String region) {
        this.role = role;
        this.region = region;
    }

    public void emit(BatchOutcome outcome, String mode) {
        MetricsLogger metrics = new MetricsLogger(new LambdaEnvironment());
        try {
            metrics.setNamespace(NAMESPACE);
            metrics.setDimensions(DimensionSet.of("RegionRole", role.value()));
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
}
