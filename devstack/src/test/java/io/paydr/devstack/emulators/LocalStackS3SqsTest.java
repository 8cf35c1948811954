package io.paydr.devstack.emulators;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.internal.Clients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The S3/SQS contract against LocalStack in a container; skipped where no Docker engine is reachable. */
@EnabledIf(value = "dockerAvailable", disabledReason = "no Docker engine")
class LocalStackS3SqsTest extends S3SqsContract {

    private static LocalStackContainer localStack;

    @BeforeAll
    static void startLocalStack() {
        localStack = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
                .withServices(LocalStackContainer.Service.S3, LocalStackContainer.Service.SQS);
        localStack.start();
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    @AfterAll
    static void stopLocalStack() {
        if (localStack != null) {
            localStack.stop();
        }
    }

    @Override
    protected Emulator emulator() {
        return new Emulator() {
            public String name() {
                return "localstack";
            }

            public S3Client s3(DevRegion region) {
                return Clients.build(S3Client.builder().forcePathStyle(true), localStack.getEndpoint(), region);
            }

            public SqsClient sqs(DevRegion region) {
                return Clients.build(SqsClient.builder(), localStack.getEndpoint(), region);
            }
        };
    }
}
