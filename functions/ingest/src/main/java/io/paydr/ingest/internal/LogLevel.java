package io.paydr.ingest.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Lambda's application log levels, least severe first. With the JSON log format and an ApplicationLogLevel, Lambda
 * drops every application log line whose {@code level} is below that setting (a line without a valid level counts
 * as INFO), and tells the function the setting in {@value #LAMBDA_LOG_LEVEL}.
 */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR, FATAL;

    /** Set by Lambda to the function's ApplicationLogLevel (LoggingConfig) when it filters application logs. */
    public static final String LAMBDA_LOG_LEVEL = "AWS_LAMBDA_LOG_LEVEL";

    /** The level Lambda filters application logs at, if it does. */
    public static Optional<LogLevel> lambdaFilter(Map<String, String> environment) {
        String value = environment.get(LAMBDA_LOG_LEVEL);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /**
     * The level of a line that must reach CloudWatch whatever the ApplicationLogLevel: INFO (what it is), raised to
     * the filter's level when the filter is stricter. The EMF records are such lines: if Lambda dropped them,
     * IngestLag would vanish and the RPO alarms (TreatMissingData notBreaching) would go quiet.
     */
    public static LogLevel alwaysPassing(Optional<LogLevel> filter) {
        return filter.filter(f -> f.compareTo(INFO) > 0).orElse(INFO);
    }

    public boolean passes(LogLevel filter) {
        return compareTo(filter) >= 0;
    }
}
