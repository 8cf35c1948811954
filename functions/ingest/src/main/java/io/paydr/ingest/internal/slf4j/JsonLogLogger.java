package io.paydr.ingest.internal.slf4j;

import io.paydr.ingest.internal.JsonLog;
import io.paydr.ingest.internal.LogLevel;
import io.paydr.ingest.internal.SafeText;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * One library logger: a line {@code {"event":"library_log","logger":...,"message":...}} at the line's level. The
 * message and an exception's message are cut like a database error (first line, no "Detail:" part, 300
 * characters), so neither a stack trace nor data a library quotes fills the log; the stack trace is left out.
 */
final class JsonLogLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    private final transient LogLevel threshold;

    JsonLogLogger(String name, LogLevel threshold) {
        this.name = name;
        this.threshold = threshold;
    }

    private boolean enabled(LogLevel level) {
        return level.passes(threshold);
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(LogLevel.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(LogLevel.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(LogLevel.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(LogLevel.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(LogLevel.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
                                               Throwable throwable) {
        LogLevel ours = LogLevel.valueOf(level.name());
        if (!enabled(ours)) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("logger", name);
        fields.put("message", SafeText.of(MessageFormatter.basicArrayFormat(pattern, arguments)));
        if (throwable != null) {
            fields.put("error", throwable.getClass().getName());
            fields.put("errorMessage", SafeText.of(throwable.getMessage()));
        }
        JsonLog.write(ours, "library_log", fields);
    }
}
