package io.paydr.local.stack;

/**
 * What one Region's stack consists of after provisioning (the template's outputs).
 *
 * @param regionId       the AWS Region id
 * @param primary        true for the Region whose bucket replicates to its peer
 * @param bucket         this Region's payload bucket
 * @param topicArn       this Region's payments topic
 * @param queueUrl       the ingest queue (subscribed to both Regions' topics)
 * @param queueArn       its ARN
 * @param deadLetterUrl  the ingest queue's DLQ
 */
public record RegionStack(String regionId, boolean primary, String bucket, String topicArn, String queueUrl,
                          String queueArn, String deadLetterUrl) {
}
