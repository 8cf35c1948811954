package io.paydr.local.eventsource;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Consumer;

/** The Lambda context of one local invocation: a fresh request id and a deadline from the function timeout. */
public final class LocalLambdaContext implements Context {

    private static final Logger LOG = LoggerFactory.getLogger("lambda");

    private final String requestId = UUID.randomUUID().toString();
    private final String functionName;
    private final String regionId;
    private final long deadlineNanos;
    private final LambdaLogger logger;

    LocalLambdaContext(String functionName, String regionId, Duration timeout) {
        this(functionName, regionId, timeout, null);
    }

    /**
     * @param sink where {@code context.getLogger()} lines go; null sends them to the "lambda" logger with the
     *             Region, function and request id in front
     */
    public LocalLambdaContext(String functionName, String regionId, Duration timeout, Consumer<String> sink) {
        this.functionName = functionName;
        this.regionId = regionId;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        String prefix = regionId + "/" + functionName + " " + requestId + " ";
        Consumer<String> out = sink != null ? sink : message -> LOG.info("{}{}", prefix, message);
        this.logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                out.accept(message);
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }

    @Override public String getAwsRequestId() { return requestId; }
    @Override public String getLogGroupName() { return "/aws/lambda/" + functionName; }
    @Override public String getLogStreamName() { return "local/" + regionId; }
    @Override public String getFunctionName() { return functionName; }
    @Override public String getFunctionVersion() { return "$LATEST"; }
    @Override public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + regionId + ":000000000000:function:" + functionName;
    }
    @Override public CognitoIdentity getIdentity() { return null; }
    @Override public ClientContext getClientContext() { return null; }
    @Override public int getMemoryLimitInMB() { return 1024; }
    @Override public LambdaLogger getLogger() { return logger; }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    boolean timedOut() {
        return System.nanoTime() > deadlineNanos;
    }
}
