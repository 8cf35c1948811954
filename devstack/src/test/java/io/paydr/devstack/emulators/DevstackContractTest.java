package io.paydr.devstack.emulators;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.Devstack;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The S3/SQS contract against devstack itself (s3proxy, ElasticMQ, behind the fault fronts). */
class DevstackContractTest implements S3Contract, SqsContract {

    @Override
    public Emulator emulator() {
        Devstack ds = Devstack.shared();
        return new Emulator() {
            public String name() {
                return "devstack";
            }

            public S3Client s3(DevRegion region) {
                return ds.s3(region);
            }

            public SqsClient sqs(DevRegion region) {
                return ds.sqs(region);
            }
        };
    }
}
