package io.paydr.devstack.sns;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.devstack.faults.Faults;
import io.paydr.devstack.internal.Clients;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.util.EnumMap;
import java.util.Map;

/** The SNS tests' view of {@link Devstack#shared()}: its SNS endpoint, SQS per Region, S3 and fault switchboard. */
final class SnsTestStack implements SnsEmulator {

    private static SnsTestStack shared;

    private final Devstack devstack = Devstack.shared();
    private final Map<DevRegion, SqsClient> sqs = new EnumMap<>(DevRegion.class);
    private final Map<DevRegion, SnsClient> sns = new EnumMap<>(DevRegion.class);

    private SnsTestStack() {
        for (DevRegion region : DevRegion.values()) {
            sqs.put(region, devstack.sqs(region));
            sns.put(region, devstack.sns(region));
        }
    }

    static synchronized SnsTestStack shared() {
        if (shared == null) {
            shared = new SnsTestStack();
        }
        return shared;
    }

    @Override
    public String name() {
        return "devstack";
    }

    Faults faults() {
        return devstack.faults();
    }

    @Override
    public SqsClient sqs(DevRegion region) {
        return sqs.get(region);
    }

    @Override
    public SnsClient sns(DevRegion region) {
        return sns.get(region);
    }

    S3Client s3(DevRegion region) {
        return devstack.s3(region);
    }

    /** An SnsClient that does not retry, so a test sees the first answer of the server. */
    SnsClient snsWithoutRetries(DevRegion region) {
        return Clients.build(SnsClient.builder()
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())), devstack.snsEndpoint(), region);
    }
}
