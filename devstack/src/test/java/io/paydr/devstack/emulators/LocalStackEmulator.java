package io.paydr.devstack.emulators;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.internal.Clients;
import io.paydr.devstack.sns.SnsEmulator;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** LocalStack (S3, SQS, SNS) in a container, one per test JVM; only where a Docker engine is reachable. */
final class LocalStackEmulator implements Emulator, SnsEmulator {

    private static LocalStackEmulator shared;

    private final LocalStackContainer container;

    private LocalStackEmulator(LocalStackContainer container) {
        this.container = container;
    }

    static boolean dockerAvailable() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    static synchronized LocalStackEmulator shared() {
        if (shared == null) {
            LocalStackContainer container = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"))
                    .withServices(LocalStackContainer.Service.S3, LocalStackContainer.Service.SQS,
                            LocalStackContainer.Service.SNS);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
            shared = new LocalStackEmulator(container);
        }
        return shared;
    }

    @Override
    public String name() {
        return "localstack";
    }

    @Override
    public S3Client s3(DevRegion region) {
        return Clients.build(S3Client.builder().forcePathStyle(true), container.getEndpoint(), region);
    }

    @Override
    public SqsClient sqs(DevRegion region) {
        return Clients.build(SqsClient.builder(), container.getEndpoint(), region);
    }

    @Override
    public SnsClient sns(DevRegion region) {
        return Clients.build(SnsClient.builder(), container.getEndpoint(), region);
    }
}
