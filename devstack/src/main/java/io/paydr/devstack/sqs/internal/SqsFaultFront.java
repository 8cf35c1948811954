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
import java.net.HttpURLConnection;
import java.net.URI;
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
    private volatile URI upstream;

    private SqsFaultFront(DevRegion region, Faults faults, HttpServer server, ExecutorService executor) {
        this.region = region;
        this.faults = faults;
        this.server = server;
        this.executor = executor;
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
        }
    }

    /**
     * HttpURLConnection rather than java.net.http: synchronous on this thread with a keep-alive pool, it adds less
     * latency per small request than the asynchronous client's hand-offs.
     */
    private void forward(HttpExchange exchange) throws IOException {
        HttpURLConnection upstreamCall = (HttpURLConnection) upstream.resolve(exchange.getRequestURI().toString()).toURL().openConnection();
        upstreamCall.setRequestMethod(exchange.getRequestMethod());
        upstreamCall.setInstanceFollowRedirects(false);
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                values.forEach(v -> upstreamCall.addRequestProperty(name, v));
            }
        });
        byte[] requestBody = exchange.getRequestBody().readAllBytes();
        if (requestBody.length > 0) {
            upstreamCall.setDoOutput(true);
            upstreamCall.setFixedLengthStreamingMode(requestBody.length);
            try (OutputStream out = upstreamCall.getOutputStream()) {
                out.write(requestBody);
            }
        }
        int status = upstreamCall.getResponseCode();
        upstreamCall.getHeaderFields().forEach((name, values) -> {
            if (name != null && !HOP_BY_HOP.contains(name.toLowerCase())) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        InputStream bodyStream = status >= 400 ? upstreamCall.getErrorStream() : upstreamCall.getInputStream();
        byte[] body = bodyStream == null ? new byte[0] : readAndClose(bodyStream);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] readAndClose(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
