package io.paydr.devstack.sns;

import com.sun.net.httpserver.HttpServer;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.faults.Faults;
import io.paydr.devstack.sns.internal.Actions;
import io.paydr.devstack.sns.internal.Fanout;
import io.paydr.devstack.sns.internal.Registry;
import io.paydr.devstack.sns.internal.SnsHttpHandler;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A compact Amazon SNS for devstack: the AWS Query protocol (what SnsClient of SDK v2, the AWS CLI and boto3
 * send) on one loopback endpoint for both Regions. The Region of a request is the one in its SigV4 credential
 * scope; topic ARNs carry their Region. Topics fan out synchronously, within Publish, into the ElasticMQ queue
 * named by each subscription's queue ARN, through the SqsClient of that queue's Region; deliveries that meet
 * a transient failure (e.g. the queue's Region is down) are retried in the background, as AWS SNS does.
 */
public final class SnsServer implements AutoCloseable {

    private static final int THREADS = 4;

    private final HttpServer http;
    private final ExecutorService executor;
    private final Fanout fanout;
    private final URI endpoint;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SnsServer(HttpServer http, ExecutorService executor, Fanout fanout) {
        this.http = http;
        this.executor = executor;
        this.fanout = fanout;
        this.endpoint = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    /**
     * Starts the server on a free loopback port.
     *
     * @param faults     the devstack fault switchboard, asked before every request and every delivery
     * @param sqsClients the SqsClient that reaches the SQS endpoint of a Region (used for fan-out); asked once per
     *                   Region, the clients stay the caller's to close
     */
    public static SnsServer start(Faults faults, Function<DevRegion, SqsClient> sqsClients) {
        Objects.requireNonNull(faults, "faults");
        Objects.requireNonNull(sqsClients, "sqsClients");
        disableNagle();
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("devstack SNS cannot bind a loopback port", e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, daemonThreads());
        http.setExecutor(executor);
        Fanout fanout = new Fanout(faults, oncePerRegion(sqsClients));
        http.createContext("/", new SnsHttpHandler(faults, new Actions(new Registry(), fanout)));
        http.start();
        return new SnsServer(http, executor, fanout);
    }

    /** The one endpoint for both Regions, e.g. {@code http://127.0.0.1:41234}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Stops serving at once; deliveries still waiting for a retry are dropped (and counted in the log). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        http.stop(0);
        executor.shutdownNow();
        fanout.close();
    }

    /**
     * The JDK server writes headers and body in separate packets; with Nagle's algorithm on, the client's delayed
     * ACK then stalls every reply by ~40 ms. The property is read once, when the first JDK HttpServer starts.
     */
    private static void disableNagle() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Factories such as {@code Devstack::sqs} build a new client per call; fan-out needs one per Region. */
    private static Function<DevRegion, SqsClient> oncePerRegion(Function<DevRegion, SqsClient> factory) {
        Map<DevRegion, SqsClient> clients = new ConcurrentHashMap<>();
        return region -> clients.computeIfAbsent(region, factory);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "devstack-sns-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
