package io.paydr.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.paydr.ingest.config.IngestConfig;
import io.paydr.aws.PollPolicy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runtime is built from the configuration: what is configured is what the handler uses. */
class IngestRuntimeTest {

    @Test
    void dataApiPollsFollowThePollSettings() {
        Map<String, String> env = new HashMap<>(Map.of(
                "AWS_REGION", "us-east-1", "REGION_ROLE", "primary", "REDSHIFT_WORKGROUP", "paydr-us-east-1",
                "REDSHIFT_DATABASE", "payments", "REDSHIFT_SECRET_ARN",
                "arn:aws:secretsmanager:us-east-1:123456789012:secret:paydr-AbCdEf",
                "ALLOWED_BUCKETS", "paydr-payloads-us-east-1",
                "STAGING_BUCKET", "paydr-payloads-us-east-1"));
        try (IngestRuntime defaults = IngestRuntime.create(IngestConfig.fromEnvironment(env))) {
            assertEquals(PollPolicy.DEFAULT, defaults.executor().pollPolicy());
        }
        env.put("POLL_INITIAL_MILLIS", "50");
        env.put("POLL_MAX_MILLIS", "2000");
        try (IngestRuntime tuned = IngestRuntime.create(IngestConfig.fromEnvironment(env))) {
            assertEquals(PollPolicy.backoff(Duration.ofMillis(50), Duration.ofSeconds(2)), tuned.executor().pollPolicy());
        }
    }
}
