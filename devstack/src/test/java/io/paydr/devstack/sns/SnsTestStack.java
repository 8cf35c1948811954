package io.paydr.devstack.sns;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import io.paydr.devstack.faults.Faults;
import io.paydr.devstack.internal.Clients;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;

/**
 * The SNS tests' stack: {@link Devstack#shared()} (S3, SQS per Region behind its fault front, one fault
 * switchboard) plus an SnsServer fanning out through devstack's SQS endpoints. Until the facade starts SNS
 * itself, this is the one place that starts it for tests; then {@link #snsEndpoint()} becomes the facade's.
 */
final class SnsTestStack implements SnsEmulator {

    private static SnsTestStack shared;

    private final Devstack devstack = Devstack.shared();
    private final Map<DevRegion, SqsClient> sqs = new EnumMap<>(DevRegion.class);
    private final SnsServer sns;

    private SnsTestStack() {
        for (DevRegion region : DevRegion.values()) {
            sqs.put(region, devstack.sqs(region));
        }
        sns = SnsServer.start(devstack.faults(), sqs::get);
        Runtime.getRuntime().addShutdownHook(new Thread(sns::close, "sns-test-shutdown"));
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

    S3Client s3(DevRegion region) {
        return devstack.s3(region);
    }

    @Override
    public SnsClient sns(DevRegion region) {
        return Clients.build(SnsClient.builder(), snsEndpoint(), region);
    }

    /** An SnsClient that does not retry, so a test sees the first answer of the server. */
    SnsClient snsWithoutRetries(DevRegion region) {
        return Clients.build(SnsClient.builder()
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())), snsEndpoint(), region);
    }

    URI snsEndpoint() {
        return sns.endpoint();
    }
}
