package io.paydr.devstack.sqs.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.faults.Fault;
import io.paydr.devstack.faults.Faults;
import io.paydr.devstack.faults.Service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The public SQS endpoint of one Region: a small reverse proxy in front of ElasticMQ (whose pekko-http server
 * has no hook for us) that consults the fault switchboard first and otherwise forwards the request unchanged.
 * Request and response bodies are buffered: SQS messages are at most 1 MiB.
 */
public final class SqsFaultFront implements AutoCloseable {

    /** Headers the JDK client sets itself or refuses; everything else passes through. */
    private static final Set<String> HOP_BY_HOP = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "date");

    private final DevRegion region;
    private final Faults faults;
    private final HttpServer server;
    private final ExecutorService executor;
    private final HttpClient client;
    private volatile URI upstream;

    private SqsFaultFront(DevRegion region, Faults faults, HttpServer server, ExecutorService executor) {
        this.region = region;
        this.faults = faults;
        this.server = server;
        this.executor = executor;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor).build();
    }

    /** Binds a free loopback port now, so ElasticMQ can be told to put it into queue URLs before it starts. */
    public static SqsFaultFront bind(DevRegion region, Faults faults) {
        disableNagle();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "devstack-sqs-" + region.id());
                t.setDaemon(true);
                return t;
            });
            SqsFaultFront front = new SqsFaultFront(region, faults, server, executor);
            server.createContext("/", front::handle);
            server.setExecutor(executor);
            return front;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the SQS endpoint for " + region.id(), e);
        }
    }

    /**
     * The JDK server writes headers and body in separate packets; with Nagle's algorithm on, the client's delayed
     * ACK stalls every reply by ~40 ms. Read once, when the first JDK HttpServer in the JVM starts.
     */
    private static void disableNagle() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Starts serving, forwarding to ElasticMQ at {@code target}. */
    public void start(URI target) {
        this.upstream = target;
        server.start();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Optional<Fault> fault = faults.beforeRequest(Service.SQS, region);
            if (fault.isPresent()) {
                SqsErrors.write(exchange, fault.get(), region);
            } else {
                forward(exchange);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void forward(HttpExchange exchange) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(upstream.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), bodyOf(exchange.getRequestBody()));
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase())) {
                header.getValue().forEach(v -> request.header(header.getKey(), v));
            }
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static HttpRequest.BodyPublisher bodyOf(InputStream in) throws IOException {
        byte[] bytes = in.readAllBytes();
        return bytes.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes);
    }
}
