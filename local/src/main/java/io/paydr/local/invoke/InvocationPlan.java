package io.paydr.local.invoke;

import io.paydr.devstack.DevRegion;

import java.time.Duration;

/**
 * An invocation resolved as far as it can be without devstack: the function (logical id), its Region, its handler
 * bound to a class, the event deserialised for it, its environment from template, samconfig and env-vars file, and
 * its Timeout. Used once: running it adds devstack's variables to the environment.
 */
record InvocationPlan(InvokeOptions options, String function, DevRegion region, HandlerReference handler,
                             Object event, FunctionEnvironment environment, Duration timeout) {
}
