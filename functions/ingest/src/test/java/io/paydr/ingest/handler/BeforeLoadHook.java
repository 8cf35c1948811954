package io.paydr.ingest.handler;

import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Runs a test's action once, just before the function submits its next load transaction (BatchExecuteStatement):
 * the moment between verification and Redshift's COPY that an attacker or a careless writer would use. Registered
 * for every SDK client of this module's tests through {@code software/amazon/awssdk/global/handlers/execution.interceptors};
 * inert unless armed.
 */
public final class BeforeLoadHook implements ExecutionInterceptor {
    private static final AtomicReference<Runnable> ARMED = new AtomicReference<>();

    public BeforeLoadHook() {
        // instantiated by the SDK for every client
    }

    /** Runs {@code action} before the next BatchExecuteStatement of any client, once. */
    public static void arm(Runnable action) {
        ARMED.set(action);
    }

    public static void disarm() {
        ARMED.set(null);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if ("BatchExecuteStatement".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            Runnable action = ARMED.getAndSet(null);
            if (action != null) {
                action.run();
            }
        }
    }
}
