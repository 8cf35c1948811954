package io.paydr.ingest.config;

import java.net.URI;
import java.util.Optional;

/**
 * The SDK-level settings this function reads from its environment map rather than from process-wide state,
 * because two Regions run in one JVM on devstack: the Region, endpoint overrides and (optional) static
 * credentials. Credentials never appear in {@link #toString()}.
 */
public record AwsEnvironment(String region, Optional<URI> s3Endpoint, Optional<URI> sqsEndpoint,
                             Optional<URI> redshiftDataEndpoint, boolean s3PathStyle,
                             Optional<Credentials> credentials) {

    /** Static credentials from the environment map; used when present, else the SDK default chain. */
    public record Credentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
        @Override
        public String toString() {
            return "Credentials[accessKeyId=" + accessKeyId + ", secret=***]";
        }
    }

    static AwsEnvironment read(Environment env) {
        String region = env.required(IngestConfig.AWS_REGION);
        if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
            throw new ConfigurationException(IngestConfig.AWS_REGION, "is not a Region name: '" + region + "'");
        }
        return new AwsEnvironment(region,
                endpoint(env, IngestConfig.AWS_ENDPOINT_URL_S3),
                endpoint(env, IngestConfig.AWS_ENDPOINT_URL_SQS),
                endpoint(env, IngestConfig.AWS_ENDPOINT_URL_REDSHIFT_DATA),
                env.flag(IngestConfig.PAYDR_S3_PATH_STYLE),
                credentials(env));
    }

    private static Optional<URI> endpoint(Environment env, String name) {
        return env.optional(name).map(value -> {
            URI uri = env.parsed(name, value, URI::create);
            if (uri.getHost() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new ConfigurationException(name, "must be an http(s) URL with a host, was '" + value + "'");
            }
            return uri;
        });
    }

    private static Optional<Credentials> credentials(Environment env) {
        Optional<String> keyId = env.optional(IngestConfig.AWS_ACCESS_KEY_ID);
        Optional<String> secret = env.optional(IngestConfig.AWS_SECRET_ACCESS_KEY);
        if (keyId.isPresent() != secret.isPresent()) {
            throw new ConfigurationException(keyId.isPresent() ? IngestConfig.AWS_SECRET_ACCESS_KEY
                    : IngestConfig.AWS_ACCESS_KEY_ID, "must be set together with its partner credential variable");
        }
        return keyId.map(id -> new Credentials(id, secret.get(), env.optional(IngestConfig.AWS_SESSION_TOKEN)));
    }
}
