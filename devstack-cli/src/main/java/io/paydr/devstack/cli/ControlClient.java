package io.paydr.devstack.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/** Sends one fault switch to a running devstack's control endpoint and returns its one-line reply. */
final class ControlClient {

    private final URI controlUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ControlClient(URI controlUrl) {
        this.controlUrl = controlUrl;
    }

    String post(String path, Map<String, String> params) {
        StringJoiner query = new StringJoiner("&");
        params.forEach((k, v) -> query.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        URI uri = controlUrl.resolve(path + (params.isEmpty() ? "" : "?" + query));
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalArgumentException("devstack refused: " + response.body().trim());
            }
            return response.body().trim();
        } catch (ConnectException e) {
            throw new IllegalStateException("no devstack answers at " + controlUrl + " (is 'devstack up' running?)", e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach devstack at " + controlUrl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
