package io.paydr.devstack.internal;

import io.paydr.devstack.DevRegion;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Region from a SigV4 credential scope ({@code AKID/20260101/us-west-2/s3/aws4_request}), found in the
 * {@code Authorization} header or, for presigned URLs, the {@code X-Amz-Credential} query parameter.
 * Signatures are not verified; the scope only tells which Region the client believes it talks to.
 */
public final class SigV4Scope {

    private static final Pattern SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([a-z0-9-]+)/");
    private static final Pattern PRESIGNED = Pattern.compile("(?:^|&)X-Amz-Credential=[^&%/]+(?:/|%2F)\\d{8}(?:/|%2F)([a-z0-9-]+)(?:/|%2F)");

    private SigV4Scope() {
    }

    /** The Region of the scope when it is one devstack emulates; empty for unsigned or unknown Regions. */
    public static Optional<DevRegion> region(String authorizationHeader, String queryString) {
        Optional<String> id = find(SCOPE, authorizationHeader).or(() -> find(PRESIGNED, queryString));
        return id.flatMap(SigV4Scope::known);
    }

    private static Optional<String> find(Pattern pattern, String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Optional<DevRegion> known(String regionId) {
        for (DevRegion r : DevRegion.values()) {
            if (r.id().equals(regionId)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
