package io.paydr.ops;

import java.util.List;

/**
 * What replay did: every payload object found in the range (with the message id it was sent as, or null in a dry
 * run) and every object it could not replay, with the reason.
 *
 * @param skippedKeys keys under the hour prefixes that are not payloads of the layout (left alone)
 */
public record ReplayResult(TimeRange range, String bucket, String queueUrl, boolean dryRun,
                           List<ReplayedObject> replayed, List<Failure> failures, int skippedKeys) {

    public ReplayResult {
        replayed = List.copyOf(replayed);
        failures = List.copyOf(failures);
    }

    public boolean complete() {
        return failures.isEmpty();
    }

    /** One payload and its pointer message. {@code sha256Source}: s3-checksum, metadata or computed. */
    public record ReplayedObject(String key, String batchId, long size, long recordCount, String sha256Hex,
                                 String contentEncoding, String sha256Source, String messageId) {
    }

    public record Failure(String key, String reason) {
    }
}
