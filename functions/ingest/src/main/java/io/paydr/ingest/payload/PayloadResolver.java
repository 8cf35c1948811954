package io.paydr.ingest.payload;

import io.paydr.contract.MessageRejectedException;
import io.paydr.contract.PayloadAttributes;
import io.paydr.contract.PayloadPointer;
import io.paydr.contract.ReasonCode;
import io.paydr.ingest.config.IngestConfig;
import io.paydr.aws.Deadline;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Reads and verifies the payload of a screened message. An S3 payload is read from this Region's replica bucket
 * first and from the source bucket if the replica does not have it yet; missing from both is transient when a
 * replica is configured (replication is still under way), permanent (MISSING_OBJECT) otherwise.
 */
public final class PayloadResolver {
    private final IngestConfig config;
    private final S3Client s3;
    private final StagingStore staging;

    public PayloadResolver(IngestConfig config, S3Client s3, StagingStore staging) {
        this.config = config;
        this.s3 = s3;
        this.staging = staging;
    }

    /**
     * @param keepSmallPayloadRows keep the rows of payloads below COPY_THRESHOLD_BYTES (decoded) so they load by
     *                             INSERT; false loads every S3 payload by COPY (drain mode). Inline payloads always
     *                             keep their rows.
     */
    public VerifiedPayload resolve(PayloadRequest request, boolean keepSmallPayloadRows, Deadline deadline) {
        PayloadAttributes attributes = request.inbound().attributes();
        Optional<PayloadPointer> pointer = request.inbound().pointer();
        if (pointer.isEmpty()) {
            byte[] inline = request.inbound().inlinePayload().orElseThrow().getBytes(StandardCharsets.UTF_8);
            requireDeclaredSize(attributes, inline.length);
            PayloadVerifier.Result result = PayloadVerifier.verify(new ByteArrayInputStream(inline), attributes,
                    Long.MAX_VALUE, config.verificationLimits(), deadline, StagingOutput::inMemory);
            return new VerifiedPayload(request, Optional.empty(), result.rows(), Optional.empty(), result.recordCount(),
                    false);
        }
        return readFromS3(request, pointer.get(), attributes, keepSmallPayloadRows, deadline);
    }

    private VerifiedPayload readFromS3(PayloadRequest request, PayloadPointer pointer, PayloadAttributes attributes,
                                       boolean keepSmallPayloadRows, Deadline deadline) {
        Optional<String> replica = config.replicaOf(pointer.bucket());
        List<String> buckets = new ArrayList<>();
        replica.ifPresent(buckets::add);
        buckets.add(pointer.bucket());
        boolean replicaMiss = false;
        for (String bucket : buckets) {
            Optional<ResponseInputStream<GetObjectResponse>> object = open(bucket, pointer.key());
            if (object.isEmpty()) {
                replicaMiss |= replica.isPresent() && bucket.equals(replica.get());
                continue;
            }
            try (ResponseInputStream<GetObjectResponse> stored = object.get()) {
                try {
                    requireAllowedSize(stored, attributes);
                    long keepBelow = keepSmallPayloadRows ? config.copyThresholdBytes() : 0;
                    PayloadVerifier.Result result = PayloadVerifier.verify(stored, attributes, keepBelow,
                            config.verificationLimits(), deadline, () -> staging.output(attributes.payloadSha256()));
                    return new VerifiedPayload(request, Optional.of(bucket), result.rows(),
                            Optional.ofNullable(result.staged()), result.recordCount(), replicaMiss);
                } catch (RuntimeException e) {
                    stored.abort(); // closing would read the rest of the object to reuse the connection
                    throw e;
                }
            } catch (IOException e) {
                throw new PayloadUnavailableException("closing the S3 stream failed", e);
            }
        }
        if (replica.isPresent()) {
            throw new PayloadUnavailableException("object not replicated yet: not in replica " + replica.get()
                    + " nor in source " + pointer.bucket(), null);
        }
        throw new MessageRejectedException(ReasonCode.MISSING_OBJECT, "no such object in " + pointer.bucket());
    }

    private void requireAllowedSize(ResponseInputStream<GetObjectResponse> stored, PayloadAttributes attributes) {
        Long length = stored.response().contentLength();
        if (length != null && length > config.maxPayloadBytes()) {
            throw MessageScreen.tooLarge(length, config.maxPayloadBytes());
        }
        if (length != null) {
            requireDeclaredSize(attributes, length);
        }
    }

    /** The message's size attribute (ExtendedPayloadSize or the legacy one) is the sender's word: it must be true. */
    private static void requireDeclaredSize(PayloadAttributes attributes, long actual) {
        attributes.payloadSize().ifPresent(declared -> {
            if (declared != actual) {
                throw new MessageRejectedException(ReasonCode.SIZE_MISMATCH, "the message declares a payload of "
                        + declared + " bytes; the payload has " + actual);
            }
        });
    }

    /** Opens the object for streaming; empty when it does not exist. */
    private Optional<ResponseInputStream<GetObjectResponse>> open(String bucket, String key) {
        try {
            return Optional.of(s3.getObject(r -> r.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw new PayloadUnavailableException("S3 GetObject on " + bucket + " failed with HTTP " + e.statusCode()
                    + " " + (e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode()), e);
        } catch (SdkException e) {
            throw new PayloadUnavailableException("S3 GetObject on " + bucket + " failed: " + e.getMessage(), e);
        }
    }
}
