package io.paydr.devstack.sqs;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.faults.Faults;
import io.paydr.devstack.sqs.internal.SqsFaultFront;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

import java.net.URI;

/**
 * The SQS endpoint of one Region: ElasticMQ (in memory) behind a fault-injecting front. Queue URLs and ARNs
 * carry this Region and the front's address, so clients never talk to ElasticMQ directly.
 */
public final class SqsServer implements AutoCloseable {

    public static final String ACCOUNT_ID = "000000000000";

    private final DevRegion region;
    private final SqsFaultFront front;
    private final SQSRestServer elasticMq;
    private final URI endpoint;
    private final URI elasticMqEndpoint;

    private SqsServer(DevRegion region, SqsFaultFront front, SQSRestServer elasticMq, int elasticMqPort) {
        this.region = region;
        this.front = front;
        this.elasticMq = elasticMq;
        this.endpoint = URI.create("http://127.0.0.1:" + front.port());
        this.elasticMqEndpoint = URI.create("http://127.0.0.1:" + elasticMqPort);
    }

    public static SqsServer start(DevRegion region, Faults faults) {
        quietExpectedMBeanWarning();
        SqsFaultFront front = SqsFaultFront.bind(region, faults);
        try {
            SQSRestServer elasticMq = SQSRestServerBuilder.withDynamicPort()
                    .withInterface("127.0.0.1")
                    .withAWSRegion(region.id())
                    .withAWSAccountId(ACCOUNT_ID)
                    .withServerAddress(new NodeAddress("http", "127.0.0.1", front.port(), ""))
                    .start();
            int port = elasticMq.waitUntilStarted().localAddress().getPort();
            front.start(URI.create("http://127.0.0.1:" + port));
            return new SqsServer(region, front, elasticMq, port);
        } catch (RuntimeException e) {
            front.close();
            throw new IllegalStateException("cannot start the SQS server (ElasticMQ) for " + region.id() + ": " + e, e);
        }
    }

    /**
     * Every ElasticMQ after the first in a JVM logs a warning with a stack trace because its metrics MBean name is
     * taken; devstack runs one per Region by design. slf4j-simple reads a logger's level when the logger is created,
     * so this must precede the first start; an explicit setting wins.
     */
    private static void quietExpectedMBeanWarning() {
        String key = "org.slf4j.simpleLogger.log.org.elasticmq.rest.sqs.TheSQSRestServerBuilder";
        if (System.getProperty(key) == null) {
            System.setProperty(key, "error");
        }
    }

    public DevRegion region() {
        return region;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** ElasticMQ itself, bypassing faults: only for measuring what the front costs. */
    public URI elasticMqEndpoint() {
        return elasticMqEndpoint;
    }

    @Override
    public void close() {
        front.close();
        elasticMq.stopAndWait();
    }
}
