package io.paydr.publisher.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * For a consumer's S3 client, the one it hands the stock SQS Extended Client: decodes a GetObject body stored with
 * {@code Content-Encoding: gzip} (paydr's default payloads), so that the client's String is the payload's NDJSON
 * instead of gzip bytes read as UTF-8, which loses them for good. docs/consumers.md shows this class; the client that
 * uses it must not validate response checksums (they are of the stored, compressed bytes).
 */
public final class GzipContentEncoding implements ExecutionInterceptor {

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        boolean getObject = "GetObject".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        boolean gzip = context.httpResponse().firstMatchingHeader("Content-Encoding")
                .filter(v -> v.trim().equalsIgnoreCase("gzip")).isPresent();
        if (!getObject || !gzip || context.responseBody().isEmpty()) {
            return context.responseBody();
        }
        try {
            return Optional.of(new GZIPInputStream(context.responseBody().get()));
        } catch (IOException e) {
            throw new UncheckedIOException("the payload says gzip but is not", e);
        }
    }
}
