package io.paydr.ingest.template;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records which AWS operations code under test calls. Registered for every SDK client of this module's tests
 * through {@code software/amazon/awssdk/global/handlers/execution.interceptors}; inert unless a recording is
 * open. Only calls from the recording thread and threads it starts count, so devstack's own in-process
 * clients (its servers run on threads created earlier) stay out of the record.
 */
public final class SdkCallRecorder implements ExecutionInterceptor {

    /** One AWS operation as the SDK names it, and the bucket and key it touched (S3). */
    record Call(String service, String operation, Optional<String> bucket, Optional<String> key) {

        /** The S3 resource ARN the call acts on (bucket, or bucket/key), as IAM matches it. */
        Optional<String> s3Resource() {
            return bucket.map(b -> "arn:${AWS::Partition}:s3:::" + b + key.map(k -> "/" + k).orElse(""));
        }


        /** The IAM action that authorises this operation, e.g. S3 HeadObject is s3:GetObject. */
        String iamAction() {
            String prefix = IAM_PREFIXES.get(service);
            if (prefix == null) {
                throw new IllegalStateException("no IAM prefix known for SDK service " + service + " (" + this + ")");
            }
            return prefix + ":" + OPERATION_ACTIONS.getOrDefault(prefix + ":" + operation, operation);
        }
    }

    private static final Map<String, String> IAM_PREFIXES = Map.of(
            "S3", "s3", "Sqs", "sqs", "RedshiftData", "redshift-data", "Sns", "sns",
            "SecretsManager", "secretsmanager", "Kms", "kms");
    /** Operations authorised by an action of another name (Service Authorization Reference). */
    private static final Map<String, String> OPERATION_ACTIONS = Map.ofEntries(
            Map.entry("s3:HeadObject", "GetObject"),
            Map.entry("s3:HeadBucket", "ListBucket"),
            Map.entry("s3:ListObjectsV2", "ListBucket"),
            Map.entry("s3:ListObjects", "ListBucket"),
            Map.entry("s3:CreateMultipartUpload", "PutObject"),
            Map.entry("s3:UploadPart", "PutObject"),
            Map.entry("s3:CompleteMultipartUpload", "PutObject"),
            Map.entry("sqs:DeleteMessageBatch", "DeleteMessage"),
            Map.entry("sqs:ChangeMessageVisibilityBatch", "ChangeMessageVisibility"),
            Map.entry("sqs:SendMessageBatch", "SendMessage"),
            Map.entry("redshift-data:GetStatementResultV2", "GetStatementResult"));

    private static final InheritableThreadLocal<Boolean> RECORDING = new InheritableThreadLocal<>();
    private static final Set<Call> CALLS = ConcurrentHashMap.newKeySet();

    public SdkCallRecorder() {
        // instantiated by the SDK for every client
    }

    /** Starts recording on this thread (and threads it creates from now on); forgets earlier calls. */
    static void start() {
        CALLS.clear();
        RECORDING.set(Boolean.TRUE);
    }

    /** Stops recording and returns the distinct calls made since {@link #start()}. */
    static Set<Call> stop() {
        RECORDING.remove();
        return Set.copyOf(CALLS);
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(RECORDING.get())) {
            CALLS.add(new Call(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                    attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                    context.request().getValueForField("Bucket", String.class),
                    context.request().getValueForField("Key", String.class)));
        }
    }
}
