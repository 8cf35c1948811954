package io.paydr.local.stack;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The SDK clients of one Region that provisioning needs. */
public record RegionClients(String regionId, S3Client s3, SqsClient sqs, SnsClient sns) {
}
