package io.paydr.local.stack;

import java.time.Duration;

/**
 * What template.yaml parameterises, for the local stacks. Immutable; build with {@link #builder()}.
 * Defaults follow the template: function timeout 60 s, visibility timeout 360 s (Lambda's rule: at least
 * 6 x the function timeout), maxReceiveCount 5.
 *
 * @param namePrefix        prefix of every resource name (buckets get "-payloads-region")
 * @param maxReceiveCount   the queue redrive policy's maxReceiveCount (template default 5)
 * @param functionTimeout   the ingest function's timeout
 * @param visibilityTimeout the queue's visibility timeout
 * @param replicationDelay  how long the emulated CRR takes to copy a new primary object to the peer
 */
public record StackSettings(String namePrefix, int maxReceiveCount, Duration functionTimeout,
                            Duration visibilityTimeout, Duration replicationDelay) {

    /** Payload objects live under this prefix; the template replicates only this prefix. */
    public static final String PAYLOAD_PREFIX = "payments/";

    public StackSettings {
        if (!namePrefix.matches("[a-z0-9][a-z0-9-]{0,30}")) {
            throw new IllegalArgumentException("name prefix must be lower-case letters, digits and '-', was '"
                    + namePrefix + "'");
        }
        if (maxReceiveCount < 1 || maxReceiveCount > 1000) {
            throw new IllegalArgumentException("maxReceiveCount must be within 1..1000, was " + maxReceiveCount);
        }
        if (visibilityTimeout.compareTo(functionTimeout.multipliedBy(6)) < 0) {
            throw new IllegalArgumentException("visibility timeout " + visibilityTimeout
                    + " must be at least 6 x the function timeout " + functionTimeout + " (a Lambda rule)");
        }
        if (replicationDelay.isNegative()) {
            throw new IllegalArgumentException("replication delay must not be negative, was " + replicationDelay);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public String bucketName(String regionId) {
        return namePrefix + "-payloads-" + regionId;
    }

    public String topicName() {
        return namePrefix + "-payments";
    }

    public String queueName() {
        return namePrefix + "-ingest";
    }

    public String deadLetterQueueName() {
        return namePrefix + "-ingest-dlq";
    }

    public static final class Builder {
        private String namePrefix = "paydr";
        private int maxReceiveCount = 5;
        private Duration functionTimeout = Duration.ofSeconds(60);
        private Duration visibilityTimeout = Duration.ofSeconds(360);
        private Duration replicationDelay = Duration.ofMillis(200);

        public Builder namePrefix(String v) { namePrefix = v; return this; }
        public Builder maxReceiveCount(int v) { maxReceiveCount = v; return this; }
        public Builder functionTimeout(Duration v) { functionTimeout = v; return this; }
        public Builder visibilityTimeout(Duration v) { visibilityTimeout = v; return this; }
        public Builder replicationDelay(Duration v) { replicationDelay = v; return this; }

        public StackSettings build() {
            return new StackSettings(namePrefix, maxReceiveCount, functionTimeout, visibilityTimeout, replicationDelay);
        }
    }
}
