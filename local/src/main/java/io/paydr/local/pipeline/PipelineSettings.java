package io.paydr.local.pipeline;

import io.paydr.local.eventsource.EventSourceSettings;
import io.paydr.local.stack.StackSettings;

/**
 * How the local pipeline is set up: the stacks (as template.yaml parameters), the event source mapping of
 * the ingest function, and whether the publisher gzips payloads.
 */
public record PipelineSettings(StackSettings stack, EventSourceSettings eventSource, boolean gzip) {

    public static PipelineSettings defaults() {
        StackSettings stack = StackSettings.builder().build();
        return new PipelineSettings(stack, EventSourceSettings.builder().functionTimeout(stack.functionTimeout())
                .waitTimeSeconds(1).build(), true);
    }
}
