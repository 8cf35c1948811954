package io.paydr.ops;

import java.util.List;
import java.util.Map;

/**
 * What redrive did (or, in a dry run, would do): one entry per DLQ message, with its attributes but never its body
 * (only the body's size, and the payload key when the body is a pointer).
 */
public record RedriveResult(String dlqUrl, String queueUrl, boolean dryRun, List<MovedMessage> messages,
                            List<Failure> failures) {

    public RedriveResult {
        messages = List.copyOf(messages);
        failures = List.copyOf(failures);
    }

    public boolean complete() {
        return failures.isEmpty();
    }

    /**
     * @param attributes    message attributes as {@code name -> value} (Binary ones as their size)
     * @param pointerKey    {@code s3://bucket/key} when the body is a payload pointer, else null
     * @param receiveCount  how often the message was received before (ApproximateReceiveCount), or null
     * @param newMessageId  the id on the queue after the move; null in a dry run
     */
    public record MovedMessage(String dlqMessageId, Map<String, String> attributes, int bodyBytes, String pointerKey,
                               String receiveCount, String newMessageId) {
        public MovedMessage {
            attributes = Map.copyOf(attributes);
        }
    }

    /** A message that stayed in the DLQ (it becomes visible there again after the visibility timeout). */
    public record Failure(String dlqMessageId, String reason) {
    }
}
