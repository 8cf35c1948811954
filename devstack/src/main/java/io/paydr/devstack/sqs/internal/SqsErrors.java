package io.paydr.devstack.sqs.internal;

import com.sun.net.httpserver.HttpExchange;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.faults.Fault;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Renders an injected fault as SQS does, in the protocol of the request: AWS JSON 1.0 (current SDKs; error code in
 * {@code __type} and in the {@code x-amzn-query-error} header SQS adds for query compatibility) or the query
 * protocol's XML {@code ErrorResponse}.
 */
final class SqsErrors {

    private SqsErrors() {
    }

    static void write(HttpExchange exchange, Fault fault, DevRegion region) throws IOException {
        String requestId = UUID.randomUUID().toString();
        String code = code(fault);
        String type = fault == Fault.THROTTLING ? "Sender" : "Receiver";
        String message = message(fault, region);
        boolean json = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).contains("json");
        String body;
        if (json) {
            exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.0");
            exchange.getResponseHeaders().set("x-amzn-query-error", code + ";" + type);
            body = "{\"__type\":\"com.amazonaws.sqs#" + code + "\",\"message\":\"" + message + "\"}";
        } else {
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            body = "<?xml version=\"1.0\"?><ErrorResponse xmlns=\"http://queue.amazonaws.com/doc/2012-11-05/\"><Error>"
                    + "<Type>" + type + "</Type><Code>" + code + "</Code><Message>" + message + "</Message><Detail/>"
                    + "</Error><RequestId>" + requestId + "</RequestId></ErrorResponse>";
        }
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
        exchange.sendResponseHeaders(status(fault), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static int status(Fault fault) {
        return switch (fault) {
            case REGION_DOWN -> 503;
            case SERVER_ERROR -> 500;
            case THROTTLING -> 400;
        };
    }

    private static String code(Fault fault) {
        return switch (fault) {
            case REGION_DOWN -> "ServiceUnavailable";
            case SERVER_ERROR -> "InternalFailure";
            case THROTTLING -> "RequestThrottled";
        };
    }

    private static String message(Fault fault, DevRegion region) {
        return switch (fault) {
            case REGION_DOWN -> "Service is unavailable (devstack: Region " + region.id() + " is down).";
            case SERVER_ERROR -> "The request processing has failed because of an unknown error, exception or failure.";
            case THROTTLING -> "Rate exceeded";
        };
    }
}
