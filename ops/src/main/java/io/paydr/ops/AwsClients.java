package io.paydr.ops;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds SDK clients the way every paydr command does: the standard credential and Region chains, plus the
 * standard endpoint overrides {@code AWS_ENDPOINT_URL_S3 / _SQS / _REDSHIFT_DATA} (or {@code AWS_ENDPOINT_URL})
 * and {@code PAYDR_S3_PATH_STYLE=true}, read from the given environment. A Region-suffixed variable such as
 * {@code AWS_ENDPOINT_URL_REDSHIFT_DATA_US_WEST_2} (as {@code devstack up} writes them, one server per Region)
 * wins over the plain one for clients of that Region. Against AWS none of these are set; against
 * devstack they point at the local servers. Credentials in the map ({@code AWS_ACCESS_KEY_ID} /
 * {@code AWS_SECRET_ACCESS_KEY} / {@code AWS_SESSION_TOKEN}) are used when present, otherwise the SDK's default
 * chain (system properties, environment, profile, container, instance role).
 */
public final class AwsClients {

    private final Map<String, String> env;

    private AwsClients(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static AwsClients fromEnvironment(Map<String, String> env) {
        return new AwsClients(env);
    }

    /** @param region the Region, or null for AWS_REGION / the SDK's default Region chain */
    public S3Client s3(String region) {
        return configure(S3Client.builder(), region, endpoint("AWS_ENDPOINT_URL_S3", region))
                .forcePathStyle(Boolean.parseBoolean(env.getOrDefault("PAYDR_S3_PATH_STYLE", "false")))
                .build();
    }

    public SqsClient sqs(String region) {
        return configure(SqsClient.builder(), region, endpoint("AWS_ENDPOINT_URL_SQS", region)).build();
    }

    /** @param endpoint an explicit endpoint for this warehouse, or null for AWS_ENDPOINT_URL_REDSHIFT_DATA / AWS */
    public RedshiftDataClient redshiftData(String region, URI endpoint) {
        return configure(RedshiftDataClient.builder(), region,
                endpoint != null ? endpoint : redshiftDataEndpoint(region)).build();
    }

    /** The Data API endpoint override for a Region, or null for the AWS endpoint. */
    public URI redshiftDataEndpoint(String region) {
        return endpoint("AWS_ENDPOINT_URL_REDSHIFT_DATA", region);
    }

    /** The Region commands use when none is given: AWS_REGION, then the SDK chain (profile, instance). */
    public Region defaultRegion() {
        String r = env.get("AWS_REGION");
        if (r != null && !r.isBlank()) {
            return Region.of(r.strip());
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion();
        } catch (RuntimeException e) {
            throw new OpsConfigException("no AWS Region configured: give --region or set AWS_REGION");
        }
    }

    private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder, String region,
                                                                                        URI endpoint) {
        // explicit, so that a second HTTP implementation on the classpath (apache5 in some modules) cannot clash
        builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        builder.region(region == null ? defaultRegion() : Region.of(region)).credentialsProvider(credentials());
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder;
    }

    private AwsCredentialsProvider credentials() {
        String id = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (id == null || secret == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        String token = env.get("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(token == null ? AwsBasicCredentials.create(id, secret)
                : AwsSessionCredentials.create(id, secret, token));
    }

    private URI endpoint(String variable, String region) {
        String r = region == null ? defaultRegion().id() : region;
        String perRegion = variable + "_" + r.toUpperCase(Locale.ROOT).replace('-', '_');
        for (String name : List.of(perRegion, variable, "AWS_ENDPOINT_URL")) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return parseEndpoint(name, value);
            }
        }
        return null;
    }

    public static URI parseEndpoint(String what, String value) {
        try {
            URI uri = new URI(value.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new OpsConfigException(what + " '" + value + "' must be an absolute URL such as"
                        + " http://localhost:4566");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new OpsConfigException(what + " '" + value + "' is not a URL");
        }
    }
}
