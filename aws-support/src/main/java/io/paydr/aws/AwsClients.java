package io.paydr.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK clients of one Region, built from an {@link AwsEnvironment} on first use and closed together. Every
 * client uses the URL-connection HTTP client, named explicitly: it keeps the function's cold start short, and a
 * second HTTP implementation on a classpath (apache5 in some modules) cannot clash. SNS is an optional dependency of
 * this module: only callers of {@link #sns()} need it on their classpath (the function never publishes).
 */
public final class AwsClients implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

    private final AwsEnvironment env;
    private final AwsCredentialsProvider credentials;
    private S3Client s3;
    private SqsClient sqs;
    private SnsClient sns;
    private RedshiftDataClient redshiftData;

    private AwsClients(AwsEnvironment env) {
        this.env = env;
        this.credentials = credentials(env);
    }

    public static AwsClients create(AwsEnvironment env) {
        return new AwsClients(env);
    }

    public AwsEnvironment environment() {
        return env;
    }

    public synchronized S3Client s3() {
        if (s3 == null) {
            s3 = configure(S3Client.builder(), env.s3Endpoint()).forcePathStyle(env.s3PathStyle()).build();
        }
        return s3;
    }

    public synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = configure(SqsClient.builder(), env.sqsEndpoint()).build();
        }
        return sqs;
    }

    public synchronized SnsClient sns() {
        if (sns == null) {
            sns = configure(SnsClient.builder(), env.snsEndpoint()).build();
        }
        return sns;
    }

    public synchronized RedshiftDataClient redshiftData() {
        if (redshiftData == null) {
            redshiftData = redshiftData(env.redshiftDataEndpoint());
        }
        return redshiftData;
    }

    /** A new Data API client at an explicit endpoint (one warehouse of several); the caller closes it. */
    public RedshiftDataClient redshiftData(Optional<URI> endpoint) {
        return configure(RedshiftDataClient.builder(), endpoint).build();
    }

    private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder,
                                                                                        Optional<URI> endpoint) {
        builder.region(Region.of(env.region())).credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT).socketTimeout(SOCKET_TIMEOUT));
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    private static AwsCredentialsProvider credentials(AwsEnvironment env) {
        if (env.credentials().isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        AwsEnvironment.Credentials c = env.credentials().get();
        AwsCredentials credentials = c.sessionToken()
                .<AwsCredentials>map(token -> AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), token))
                .orElseGet(() -> AwsBasicCredentials.create(c.accessKeyId(), c.secretAccessKey()));
        return StaticCredentialsProvider.create(credentials);
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable client : new AutoCloseable[] {s3, sqs, sns, redshiftData}) {
            if (client != null) {
                try {
                    client.close();
                } catch (Exception ignored) {
                    // closing releases connections only; nothing to report
                }
            }
        }
    }
}
