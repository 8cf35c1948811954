package io.paydr.devstack.sns;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.faults.Faults;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;

/**
 * Test fixture until the Devstack facade lands: one ElasticMQ per Region plus the SNS server, started once per
 * JVM and shared by the SNS tests (stopped with the JVM; every server runs on daemon threads or is stopped by
 * a shutdown hook).
 */
final class SnsTestStack {

    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("devstack", "devstack"));

    private static SnsTestStack shared;

    private final Faults faults = new Faults();
    private final Map<DevRegion, SqsClient> sqs = new EnumMap<>(DevRegion.class);
    private final SnsServer sns;

    private SnsTestStack() {
        for (DevRegion region : DevRegion.values()) {
            SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort()
                    .withAWSRegion(region.id()).start();
            int port = server.waitUntilStarted().localAddress().getPort();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stopAndWait));
            sqs.put(region, SqsClient.builder().region(region.region()).credentialsProvider(CREDENTIALS)
                    .endpointOverride(URI.create("http://127.0.0.1:" + port))
                    .httpClient(UrlConnectionHttpClient.create()).build());
        }
        sns = SnsServer.start(faults, sqs::get);
    }

    static synchronized SnsTestStack shared() {
        if (shared == null) {
            shared = new SnsTestStack();
        }
        return shared;
    }

    Faults faults() {
        return faults;
    }

    SqsClient sqs(DevRegion region) {
        return sqs.get(region);
    }

    SnsClient sns(DevRegion region) {
        return SnsClient.builder().region(region.region()).credentialsProvider(CREDENTIALS)
                .endpointOverride(sns.endpoint()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** An SnsClient that does not retry, so a test sees the first answer of the server. */
    SnsClient snsWithoutRetries(DevRegion region) {
        return SnsClient.builder().region(region.region()).credentialsProvider(CREDENTIALS)
                .endpointOverride(sns.endpoint()).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    URI snsEndpoint() {
        return sns.endpoint();
    }
}
