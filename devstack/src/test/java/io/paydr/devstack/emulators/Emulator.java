package io.paydr.devstack.emulators;

import io.paydr.devstack.DevRegion;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** An AWS emulator the same contract tests run against: devstack, moto_server, LocalStack. */
interface Emulator {

    String name();

    S3Client s3(DevRegion region);

    SqsClient sqs(DevRegion region);

}
