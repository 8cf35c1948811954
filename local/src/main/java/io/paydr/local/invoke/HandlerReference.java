package io.paydr.local.invoke;

import com.amazonaws.services.lambda.runtime.Context;
import io.paydr.ingest.config.IngestConfig;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * A template Handler ({@code package.Class::method}) bound to its class: the handler method (the one Lambda calls,
 * not the generic bridge), its event type, and the in-process constructor taking {@link IngestConfig}.
 */
record HandlerReference(String handler, Class<?> type, Method method, Constructor<?> constructor) {

    static HandlerReference resolve(String handler) {
        int split = handler.indexOf("::");
        String className = split < 0 ? handler : handler.substring(0, split);
        String methodName = split < 0 ? "handleRequest" : handler.substring(split + 2);
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw InvokeException.usage("Handler " + handler + ": class " + className + " is not on the classpath");
        }
        Method method = Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(methodName) && !m.isBridge() && m.getParameterCount() == 2
                        && m.getParameterTypes()[1] == Context.class)
                .findFirst()
                .orElseThrow(() -> InvokeException.usage("Handler " + handler + ": " + className + " has no public "
                        + methodName + "(event, Context)"));
        try {
            return new HandlerReference(handler, type, method, type.getConstructor(IngestConfig.class));
        } catch (NoSuchMethodException e) {
            throw InvokeException.usage("Handler " + handler + ": " + className
                    + " has no public constructor taking IngestConfig (needed to run in-process)");
        }
    }

    Class<?> eventType() {
        return method.getParameterTypes()[0];
    }

    /** Constructs the handler as Lambda's init phase would, from the given configuration. */
    Object instantiate(IngestConfig config) {
        try {
            return constructor.newInstance(config);
        } catch (InvocationTargetException e) {
            throw InvokeException.handlerFailed("the handler's constructor threw " + describe(e.getCause()), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw InvokeException.handlerFailed("cannot construct " + type.getName() + ": " + e, e);
        }
    }

    /** Invokes the handler method; a throw from the handler is {@link InvokeException#HANDLER_FAILED}. */
    Object invoke(Object instance, Object event, Context context) {
        try {
            return method.invoke(instance, event, context);
        } catch (InvocationTargetException e) {
            throw InvokeException.handlerFailed("the handler threw " + describe(e.getCause()), e.getCause());
        } catch (IllegalAccessException e) {
            throw InvokeException.handlerFailed("cannot call " + handler + ": " + e, e);
        }
    }

    private static String describe(Throwable t) {
        return t.getClass().getName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
