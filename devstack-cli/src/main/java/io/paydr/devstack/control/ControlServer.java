package io.paydr.devstack.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.faults.FaultSpec;
import io.paydr.devstack.faults.Faults;
import io.paydr.devstack.faults.Service;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A loopback HTTP endpoint that switches the faults of a running devstack, for the CLI and scripts:
 * <pre>
 * POST /faults?service=s3&amp;region=us-east-1&amp;errorRate=0.3&amp;throttle=true&amp;latencyMs=50&amp;duplicateRate=0
 * POST /region-down?region=us-east-1&amp;down=true
 * POST /faults/clear
 * GET  /faults
 * </pre>
 * Replies are one line of text; bad input gets 400 with the reason.
 */
public final class ControlServer implements AutoCloseable {

    private final HttpServer http;
    private final Faults faults;

    private ControlServer(HttpServer http, Faults faults) {
        this.http = http;
        this.faults = faults;
    }

    public static ControlServer start(Faults faults) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            ControlServer server = new ControlServer(http, faults);
            http.createContext("/", server::handle);
            http.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the devstack control endpoint", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    @Override
    public void close() {
        http.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String reply;
            int status = 200;
            try {
                reply = dispatch(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        query(exchange.getRequestURI().getRawQuery()));
            } catch (IllegalArgumentException e) {
                status = 400;
                reply = e.getMessage();
            }
            byte[] body = (reply + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private String dispatch(String method, String path, Map<String, String> q) {
        return switch (method + " " + path) {
            case "POST /faults" -> setFault(q);
            case "POST /region-down" -> regionDown(q);
            case "POST /faults/clear" -> {
                faults.clear();
                yield "all faults cleared";
            }
            case "GET /faults" -> describe();
            default -> throw new IllegalArgumentException("unknown control request " + method + " " + path
                    + " (POST /faults, POST /region-down, POST /faults/clear, GET /faults)");
        };
    }

    private String setFault(Map<String, String> q) {
        Service service = service(required(q, "service"));
        DevRegion region = DevRegion.of(required(q, "region"));
        FaultSpec spec = new FaultSpec(number(q, "errorRate"), Boolean.parseBoolean(q.getOrDefault("throttle", "false")),
                (long) number(q, "latencyMs"), number(q, "duplicateRate"));
        faults.set(service, region, spec);
        return "fault set: " + describe(service, region, spec);
    }

    private String regionDown(Map<String, String> q) {
        DevRegion region = DevRegion.of(required(q, "region"));
        boolean down = Boolean.parseBoolean(required(q, "down"));
        faults.regionDown(region, down);
        return "region " + region.id() + (down ? " is down" : " is up");
    }

    private String describe() {
        StringJoiner all = new StringJoiner("; ");
        for (DevRegion r : DevRegion.values()) {
            if (faults.isDown(r)) {
                all.add("region " + r.id() + " down");
            }
            for (Service s : Service.values()) {
                FaultSpec spec = faults.get(s, r);
                if (!spec.equals(FaultSpec.NONE)) {
                    all.add(describe(s, r, spec));
                }
            }
        }
        return all.length() == 0 ? "no faults" : all.toString();
    }

    private static String describe(Service s, DevRegion r, FaultSpec spec) {
        return s.name().toLowerCase(Locale.ROOT) + " " + r.id() + " errorRate=" + spec.errorRate()
                + (spec.throttle() ? " (throttling)" : " (5xx)") + " latencyMs=" + spec.latencyMillis()
                + " duplicateRate=" + spec.duplicateRate();
    }

    /** Accepts the CLI spellings: s3, sqs, sns, redshift-data (any case, - or _). */
    public static Service service(String name) {
        String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        if (normalized.equals("REDSHIFT")) {
            return Service.REDSHIFT_DATA;
        }
        for (Service s : Service.values()) {
            if (s.name().equals(normalized)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown service '" + name + "' (s3, sqs, sns, redshift-data)");
    }

    private static String required(Map<String, String> q, String name) {
        String value = q.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing parameter '" + name + "'");
        }
        return value;
    }

    private static double number(Map<String, String> q, String name) {
        String value = q.getOrDefault(name, "0");
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, was '" + value + "'");
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }
}
