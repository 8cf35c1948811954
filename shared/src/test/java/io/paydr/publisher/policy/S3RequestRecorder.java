package io.paydr.publisher.policy;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records the S3 requests of one client as marshalled for the wire: operation, object key, and whether the HTTP
 * request carries If-None-Match (the header S3's s3:if-none-match condition key is read from). Once per call, not
 * per attempt: the SDK's retries of a request send the same request again.
 */
final class S3RequestRecorder implements ExecutionInterceptor {
    private final List<PayloadBucketPolicy.Request> requests = new ArrayList<>();

    @Override
    public void afterMarshalling(Context.AfterMarshalling context, ExecutionAttributes attributes) {
        String key = context.request().getValueForField("Key", String.class)
                .or(() -> context.request().getValueForField("DestinationKey", String.class)).orElse("");
        synchronized (requests) {
            requests.add(new PayloadBucketPolicy.Request(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                    key, context.httpRequest().firstMatchingHeader("If-None-Match").isPresent()));
        }
    }

    /** The requests recorded since the last call. */
    List<PayloadBucketPolicy.Request> drain() {
        synchronized (requests) {
            List<PayloadBucketPolicy.Request> out = List.copyOf(requests);
            requests.clear();
            return out;
        }
    }
}
