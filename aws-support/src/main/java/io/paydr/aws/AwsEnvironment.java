package io.paydr.aws;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The SDK-level settings of one Region, read from an environment map rather than from process-wide state, because
 * two Regions run in one JVM on devstack: the Region, endpoint overrides, S3 path style and (optional) static
 * credentials. The standard variables, so the same code runs against AWS (none set) and devstack (endpoints set):
 * {@code AWS_ENDPOINT_URL_S3 / _SQS / _SNS / _REDSHIFT_DATA}, where a Region-suffixed variable such as
 * {@code AWS_ENDPOINT_URL_REDSHIFT_DATA_US_WEST_2} (as {@code devstack up} writes them, one server per Region) wins
 * over the plain one, which wins over {@code AWS_ENDPOINT_URL}; {@code PAYDR_S3_PATH_STYLE=true} (devstack has no
 * virtual-host DNS); {@code AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN} when present, else the
 * SDK's default credential chain. Blank values count as unset (SAM passes "" for empty parameters).
 * Credentials never appear in {@link #toString()}.
 */
public record AwsEnvironment(String region, Optional<URI> s3Endpoint, Optional<URI> sqsEndpoint,
                             Optional<URI> snsEndpoint, Optional<URI> redshiftDataEndpoint, boolean s3PathStyle,
                             Optional<Credentials> credentials) {
    public static final String AWS_REGION = "AWS_REGION";
    public static final String AWS_DEFAULT_REGION = "AWS_DEFAULT_REGION";
    public static final String AWS_ENDPOINT_URL = "AWS_ENDPOINT_URL";
    public static final String AWS_ENDPOINT_URL_S3 = "AWS_ENDPOINT_URL_S3";
    public static final String AWS_ENDPOINT_URL_SQS = "AWS_ENDPOINT_URL_SQS";
    public static final String AWS_ENDPOINT_URL_SNS = "AWS_ENDPOINT_URL_SNS";
    public static final String AWS_ENDPOINT_URL_REDSHIFT_DATA = "AWS_ENDPOINT_URL_REDSHIFT_DATA";
    public static final String PAYDR_S3_PATH_STYLE = "PAYDR_S3_PATH_STYLE";
    public static final String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    public static final String AWS_SESSION_TOKEN = "AWS_SESSION_TOKEN";

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");

    /** Static credentials from the environment map; used when present, else the SDK default chain. */
    public record Credentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
        @Override
        public String toString() {
            return "Credentials[accessKeyId=" + accessKeyId + ", secret=***]";
        }
    }

    /** The settings of the Region named by {@code AWS_REGION}, which must be set (as Lambda always does). */
    public static AwsEnvironment fromEnvironment(Map<String, String> env) {
        String region = value(env, AWS_REGION)
                .orElseThrow(() -> new AwsConfigException(AWS_REGION, "is required but not set"));
        return forRegion(env, region);
    }

    /** The settings for clients of {@code region}, with that Region's endpoint overrides. */
    public static AwsEnvironment forRegion(Map<String, String> env, String region) {
        if (region == null || !REGION.matcher(region).matches()) {
            throw new AwsConfigException(AWS_REGION, "is not a Region name: '" + region + "'");
        }
        return new AwsEnvironment(region,
                endpoint(env, AWS_ENDPOINT_URL_S3, region),
                endpoint(env, AWS_ENDPOINT_URL_SQS, region),
                endpoint(env, AWS_ENDPOINT_URL_SNS, region),
                endpoint(env, AWS_ENDPOINT_URL_REDSHIFT_DATA, region),
                value(env, PAYDR_S3_PATH_STYLE).map(Boolean::parseBoolean).orElse(false),
                credentials(env));
    }

    /**
     * The Region a command uses when none is given: {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, then the SDK's
     * chain (profile, instance).
     */
    public static String defaultRegion(Map<String, String> env) {
        Optional<String> named = value(env, AWS_REGION).or(() -> value(env, AWS_DEFAULT_REGION));
        if (named.isPresent()) {
            return named.get();
        }
        try {
            return DefaultAwsRegionProviderChain.builder().build().getRegion().id();
        } catch (RuntimeException e) {
            throw new AwsConfigException(AWS_REGION, "no AWS Region configured: give --region or set AWS_REGION");
        }
    }

    /** Parses an endpoint URL given as an option or variable {@code what}: http(s) with a host. */
    public static URI parseEndpoint(String what, String value) {
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new AwsConfigException(what, "is not a URL: '" + value + "'");
        }
        if (uri.getHost() == null || uri.getScheme() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new AwsConfigException(what, "must be an http(s) URL with a host such as http://localhost:4566,"
                    + " was '" + value + "'");
        }
        return uri;
    }

    private static Optional<URI> endpoint(Map<String, String> env, String variable, String region) {
        String perRegion = variable + "_" + region.toUpperCase(Locale.ROOT).replace('-', '_');
        for (String name : List.of(perRegion, variable, AWS_ENDPOINT_URL)) {
            Optional<String> value = value(env, name);
            if (value.isPresent()) {
                return Optional.of(parseEndpoint(name, value.get()));
            }
        }
        return Optional.empty();
    }

    private static Optional<Credentials> credentials(Map<String, String> env) {
        Optional<String> keyId = value(env, AWS_ACCESS_KEY_ID);
        Optional<String> secret = value(env, AWS_SECRET_ACCESS_KEY);
        if (keyId.isPresent() != secret.isPresent()) {
            throw new AwsConfigException(keyId.isPresent() ? AWS_SECRET_ACCESS_KEY : AWS_ACCESS_KEY_ID,
                    "must be set together with its partner credential variable");
        }
        return keyId.map(id -> new Credentials(id, secret.get(), value(env, AWS_SESSION_TOKEN)));
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
