package io.paydr.ingest.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.redshiftdata.model.ActiveSessionsExceededException;
import software.amazon.awssdk.services.redshiftdata.model.ActiveStatementsExceededException;
import software.amazon.awssdk.services.redshiftdata.model.ActiveWaitingRequestsExceededException;

/**
 * Counts the Data API calls the service refused for rate or concurrency (ThrottlingException, too many active
 * statements, sessions or waiting long polls) after the SDK's own retries: the DataApiThrottles metric, the warning that the account's
 * Data API quota, which every caller in the Region shares, is what slows the loads. Wraps the client rather than
 * the Data API runner, so the count costs nothing but one check on a failed call.
 */
public final class DataApiThrottles {
    private final AtomicLong refused = new AtomicLong();

    /** The client, counting the calls it has refused for rate or concurrency. */
    public RedshiftDataClient counting(RedshiftDataClient client) {
        InvocationHandler handler = (proxy, method, args) -> {
            try {
                return method.invoke(client, args);
            } catch (InvocationTargetException e) {
                if (isThrottle(e.getCause())) {
                    refused.incrementAndGet();
                }
                throw e.getCause();
            }
        };
        return (RedshiftDataClient) Proxy.newProxyInstance(RedshiftDataClient.class.getClassLoader(),
                new Class<?>[] {RedshiftDataClient.class}, handler);
    }

    /**
     * The calls refused since the last call of this method: one invocation's, since Lambda runs one invocation at a
     * time in an execution environment (in-process runs that share a handler between threads may split the count
     * differently, not lose any of it).
     */
    public long takeCount() {
        return refused.getAndSet(0);
    }

    static boolean isThrottle(Throwable t) {
        return t instanceof ActiveStatementsExceededException || t instanceof ActiveSessionsExceededException
                || t instanceof ActiveWaitingRequestsExceededException || t instanceof AwsServiceException e && e.isThrottlingException();
    }
}
