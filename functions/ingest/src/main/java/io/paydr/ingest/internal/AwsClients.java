package io.paydr.ingest.internal;

import io.paydr.ingest.config.AwsEnvironment;
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
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK clients of one function instance, built once from the configuration's own environment
 * map (not from process-wide system properties: two Regions share one JVM on devstack). The URL-connection HTTP
 * client keeps cold starts short.
 */
public final class AwsClients implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(30);

    private final AwsEnvironment env;
    private final AwsCredentialsProvider credentials;
    private final S3Client s3;
    private final RedshiftDataClient redshiftData;
    private SqsClient sqs;

    private AwsClients(AwsEnvironment env) {
        this.env = env;
        this.credentials = credentials(env);
        s3 = configure(S3Client.builder(), env, env.s3Endpoint(), credentials)
                .forcePathStyle(env.s3PathStyle())
                .httpClientBuilder(httpClient())
                .build();
        redshiftData = configure(RedshiftDataClient.builder(), env, env.redshiftDataEndpoint(), credentials)
                .httpClientBuilder(httpClient())
                .build();
    }

    public static AwsClients create(AwsEnvironment env) {
        return new AwsClients(env);
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, AwsEnvironment env,
                                                                  Optional<URI> endpoint,
                                                                  AwsCredentialsProvider credentials) {
        builder.region(Region.of(env.region())).credentialsProvider(credentials);
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    private static UrlConnectionHttpClient.Builder httpClient() {
        return UrlConnectionHttpClient.builder().connectionTimeout(CONNECT_TIMEOUT).socketTimeout(SOCKET_TIMEOUT);
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

    public S3Client s3() { return s3; }

    /** Built on first use: only the drain mode talks to SQS (Lambda's event source does it for event mode). */
    public synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = configure(SqsClient.builder(), env, env.sqsEndpoint(), credentials)
                    .httpClientBuilder(httpClient())
                    .build();
        }
        return sqs;
    }

    public RedshiftDataClient redshiftData() { return redshiftData; }

    @Override
    public synchronized void close() {
        s3.close();
        if (sqs != null) {
            sqs.close();
        }
        redshiftData.close();
    }
}
