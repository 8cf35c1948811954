package io.paydr.devstack.sns.internal;

/** One SNS API action: reads its call, changes state, writes the content of its {@code <ActionResult>} element. */
@FunctionalInterface
interface Action {
    void run(Call call, Xml result);
}
