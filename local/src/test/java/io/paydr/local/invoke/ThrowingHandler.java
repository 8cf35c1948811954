package io.paydr.local.invoke;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.paydr.ingest.config.IngestConfig;

/** A handler that fails the whole invocation, as a bug would: the command must exit 1 and say what was thrown. */
public final class ThrowingHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    public ThrowingHandler(IngestConfig config) {
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        throw new IllegalStateException("boom after " + event.getRecords().size() + " records");
    }
}
