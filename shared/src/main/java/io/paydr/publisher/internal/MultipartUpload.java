package io.paydr.publisher.internal;

import io.paydr.contract.Sha256;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.util.ArrayList;
import java.util.List;

/** One multipart upload of a spooled payload: parts streamed from the spool, aborted on any failure. */
final class MultipartUpload {

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final long partSize;

    MultipartUpload(S3Client s3, String bucket, String key, long partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.partSize = partSize;
    }

    void run(CreateMultipartUploadRequest create, SpooledPayload payload) {
        String uploadId = s3.createMultipartUpload(create).uploadId();
        try {
            List<CompletedPart> parts = uploadParts(uploadId, payload);
            s3.completeMultipartUpload(CompleteMultipartUploadRequest.builder().bucket(bucket).key(key)
                    .uploadId(uploadId)
                    .ifNoneMatch(PayloadUploader.ANY)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build())
                    .build());
        } catch (RuntimeException e) {
            abortQuietly(uploadId, e);
            throw e;
        }
    }

    private List<CompletedPart> uploadParts(String uploadId, SpooledPayload payload) {
        List<long[]> ranges = PayloadUploader.partRanges(payload.size(), partSize);
        List<String> digests = payload.partSha256Hex();
        List<CompletedPart> parts = new ArrayList<>(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            long offset = ranges.get(i)[0];
            long length = ranges.get(i)[1];
            int partNumber = i + 1;
            UploadPartResponse response = s3.uploadPart(UploadPartRequest.builder().bucket(bucket).key(key)
                            .uploadId(uploadId).partNumber(partNumber).contentLength(length)
                            .checksumSHA256(Sha256.hexToBase64(digests.get(i)))
                            .build(),
                    RequestBody.fromContentProvider(() -> payload.openRange(offset, length), length,
                            PayloadUploader.CONTENT_TYPE));
            parts.add(PayloadUploader.completed(partNumber, response, digests.get(i)));
        }
        return parts;
    }

    private void abortQuietly(String uploadId, RuntimeException failure) {
        try {
            s3.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(bucket).key(key)
                    .uploadId(uploadId).build());
        } catch (SdkException abortFailure) {
            // the lifecycle rule for incomplete multipart uploads cleans up what this could not
            failure.addSuppressed(abortFailure);
        }
    }
}
