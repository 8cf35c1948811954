package io.paydr.publisher.policy;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;

/**
 * Records the S3 requests of one client as marshalled for the wire: operation, object key, whether the HTTP
 * request carries If-None-Match (the header S3's s3:if-none-match condition key is read from) and whether it names
 * an object version. Once per call, not per attempt: the SDK's retries of a request send the same request again.
 * A DeleteObjects call is recorded as the DeleteObject of each object it names, which is how S3 authorises it.
 */
final class S3RequestRecorder implements ExecutionInterceptor {
    private final List<PayloadBucketPolicy.Request> requests = new ArrayList<>();

    @Override
    public void afterMarshalling(Context.AfterMarshalling context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        List<PayloadBucketPolicy.Request> recorded = new ArrayList<>();
        if (context.request() instanceof DeleteObjectsRequest batch) {
            batch.delete().objects().forEach(o -> recorded.add(new PayloadBucketPolicy.Request("DeleteObject",
                    o.key(), false, o.versionId() != null)));
        } else {
            String key = context.request().getValueForField("Key", String.class)
                    .or(() -> context.request().getValueForField("DestinationKey", String.class)).orElse("");
            recorded.add(new PayloadBucketPolicy.Request(operation, key,
                    context.httpRequest().firstMatchingHeader("If-None-Match").isPresent(),
                    context.httpRequest().firstMatchingRawQueryParameter("versionId").isPresent()));
        }
        synchronized (requests) {
            requests.addAll(recorded);
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
