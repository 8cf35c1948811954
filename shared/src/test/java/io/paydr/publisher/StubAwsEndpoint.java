package io.paydr.publisher;

import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal HTTP endpoint on a real socket for unit tests of the publisher's control flow: it records every request
 * line and answers each with a fixed status and body. It is not an AWS stand-in (devstack is); it only proves which
 * requests were (not) made and how the publisher reacts to a given answer.
 */
public final class StubAwsEndpoint implements AutoCloseable {

    public static final String SNS_PUBLISH_OK = "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\">"
            + "<PublishResult><MessageId>stub-message-1</MessageId></PublishResult>"
            + "<ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></PublishResponse>";
    public static final String SNS_ERROR = "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error>"
            + "<Type>Receiver</Type><Code>InternalError</Code><Message>stub failure</Message></Error>"
            + "<RequestId>r2</RequestId></ErrorResponse>";
    public static final String S3_ERROR = "<Error><Code>InternalError</Code><Message>stub failure</Message></Error>";

    private final HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();

    public StubAwsEndpoint(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            Map<String, String> h = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> h.put(name.toLowerCase(Locale.ROOT), values.get(0)));
            headers.add(h);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("ETag", "\"stub-etag\"");
            exchange.getResponseHeaders().add("Content-Type", "text/xml");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
    }

    /** A stub answering 200 with that body: "" for S3's PutObject, {@link #SNS_PUBLISH_OK} for SNS Publish. */
    public static StubAwsEndpoint ok(String body) {
        try {
            return new StubAwsEndpoint(200, body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a stub endpoint", e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<String> requests() {
        return List.copyOf(requests);
    }

    /** The headers of each request (lower-case names, first value), in request order. */
    public List<Map<String, String>> headers() {
        return List.copyOf(headers);
    }

    S3Client s3() {
        return S3Client.builder().endpointOverride(uri()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("stub", "stub")))
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(RetryMode.STANDARD).build())
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    SnsClient sns() {
        return SnsClient.builder().endpointOverride(uri()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("stub", "stub")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
