package io.paydr.ingest.internal.slf4j;

import io.paydr.ingest.internal.JsonLog;
import io.paydr.ingest.internal.LogLevel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The function's SLF4J binding: what the AWS SDK, the EMF library and (through commons-logging) the SQS Extended
 * Client log becomes a {@link JsonLog} line, with level, timestamp and the invocation's request id, instead of
 * SLF4J's "No SLF4J providers were found" on every cold start and nothing after it.
 *
 * <p>Registered only in the deployment jar (the shade plugin adds its META-INF/services entry), not in this module's
 * classes: the local pipeline and the reliability tests run the function beside devstack and tools that have their
 * own binding, and two providers on one class path would make SLF4J pick one at random.
 *
 * <p>Only WARN and ERROR pass ({@link #LIBRARY_THRESHOLD}): the libraries' INFO and DEBUG lines are noise at this
 * volume, and no library should be able to put a request's contents in the log by a debug setting. A tiny class of
 * our own rather than log4j2 (aws-lambda-java-log4j2): no extra megabytes in the jar and no configuration parsing
 * in the cold start.
 */
public final class JsonLogProvider implements SLF4JServiceProvider {
    /** The least severe library line that is logged. */
    public static final LogLevel LIBRARY_THRESHOLD = LogLevel.WARN;

    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final ILoggerFactory factory = name -> loggers.computeIfAbsent(name,
            n -> new JsonLogLogger(n, LIBRARY_THRESHOLD));
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to read: no configuration file, the threshold is fixed
    }
}
