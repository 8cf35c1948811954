package io.paydr.publisher.cli;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

import java.net.URI;
import java.util.Map;

/**
 * SDK clients configured the standard way, so the same command runs against AWS and devstack: credentials and
 * Region from the given environment's AWS_* variables when present, else the SDK's default chains (profiles,
 * instance and container roles), plus {@code AWS_ENDPOINT_URL_S3} / {@code AWS_ENDPOINT_URL_SNS} endpoint overrides
 * and {@code PAYDR_S3_PATH_STYLE=true} (devstack has no virtual-host DNS). The environment is passed in, so tests
 * and in-process runs can point a command at devstack without touching the process environment.
 */
final class EnvironmentClients {

    private final Map<String, String> env;

    EnvironmentClients(Map<String, String> env) {
        this.env = env;
    }

    S3Client s3() {
        boolean pathStyle = Boolean.parseBoolean(env.getOrDefault("PAYDR_S3_PATH_STYLE", "false"));
        return configure(S3Client.builder().forcePathStyle(pathStyle), "AWS_ENDPOINT_URL_S3");
    }

    SnsClient sns() {
        return configure(SnsClient.builder(), "AWS_ENDPOINT_URL_SNS");
    }

    private <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C configure(B builder,
                                                                                           String endpointVariable) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder()).credentialsProvider(credentials());
        String region = firstNonBlank(env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"));
        if (region != null) {
            builder.region(Region.of(region));
        }
        String endpoint = firstNonBlank(env.get(endpointVariable), env.get("AWS_ENDPOINT_URL"));
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    private AwsCredentialsProvider credentials() {
        String id = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        String token = env.get("AWS_SESSION_TOKEN");
        if (id != null && secret != null) {
            return StaticCredentialsProvider.create(token == null
                    ? AwsBasicCredentials.create(id, secret) : AwsSessionCredentials.create(id, secret, token));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.trim();
        }
        return b != null && !b.isBlank() ? b.trim() : null;
    }
}
