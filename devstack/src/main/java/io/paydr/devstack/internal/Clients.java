package io.paydr.devstack.internal;

import io.paydr.devstack.DevRegion;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.net.URI;

/** SDK clients configured for devstack: endpoint override, Region, dummy credentials, url-connection HTTP. */
public final class Clients {

    public static final String ACCESS_KEY_ID = "devstack";
    public static final String SECRET_ACCESS_KEY = "devstack";
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));

    private Clients() {
    }

    /** Builds a sync client of any service against a devstack endpoint (url-connection: light cold start). */
    public static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C build(
            B builder, URI endpoint, DevRegion region) {
        return configure(builder, endpoint, region).build();
    }

    /** Points a client builder at a devstack endpoint, leaving it open for further settings. */
    public static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> B configure(
            B builder, URI endpoint, DevRegion region) {
        return builder.endpointOverride(endpoint)
                .region(region.region())
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
    }
}
