package io.paydr.devstack.sns;

import io.paydr.devstack.DevRegion;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** An SNS+SQS emulator the SNS contract runs against: devstack, or an independent one such as moto_server. */
public interface SnsEmulator {

    String name();

    SnsClient sns(DevRegion region);

    SqsClient sqs(DevRegion region);
}
