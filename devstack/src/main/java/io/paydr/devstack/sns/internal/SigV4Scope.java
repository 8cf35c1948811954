package io.paydr.devstack.sns.internal;

import io.paydr.devstack.DevRegion;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Region a request is addressed to, read from its SigV4 credential scope
 * ({@code Credential=<key>/<date>/<region>/sns/aws4_request}) in the Authorization header or, for presigned
 * requests, the {@code X-Amz-Credential} parameter. Signatures are not verified.
 */
public final class SigV4Scope {

    private static final Pattern SCOPE = Pattern.compile("[^/,\\s]+/\\d{8}/([a-z0-9-]+)/[a-z0-9-]+/aws4_request");

    private SigV4Scope() {
    }

    /** Unsigned requests (hand-written curl calls) are taken as addressed to the primary Region. */
    public static DevRegion region(String authorizationHeader, QueryParams params) {
        String scope = authorizationHeader != null ? authorizationHeader : params.optional("X-Amz-Credential").orElse(null);
        if (scope == null) {
            return DevRegion.PRIMARY;
        }
        Matcher m = SCOPE.matcher(scope);
        if (!m.find()) {
            throw SnsError.sender(400, "IncompleteSignature", "The request signature has no SigV4 credential scope");
        }
        try {
            return DevRegion.of(m.group(1));
        } catch (IllegalArgumentException e) {
            throw SnsError.invalidParameter("Invalid parameter: Region Reason: " + e.getMessage());
        }
    }
}
