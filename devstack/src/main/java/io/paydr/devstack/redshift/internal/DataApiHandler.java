package io.paydr.devstack.redshift.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.faults.Fault;
import io.paydr.devstack.faults.Faults;
import io.paydr.devstack.faults.Service;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/**
 * The AWS JSON 1.1 protocol: {@code POST /} with {@code X-Amz-Target: RedshiftData.<Operation>}, errors
 * as {@code {"__type": ..., "message": ...}}. Faults are applied before anything else is read, then the warehouse
 * profile's request-rate quota.
 */
public final class DataApiHandler implements HttpHandler {

    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String TARGET_PREFIX = "RedshiftData.";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final DevRegion region;
    private final Faults faults;
    private final WarehouseModel model;
    private final DataApiOperations operations;

    public DataApiHandler(DevRegion region, Faults faults, WarehouseModel model, DataApiOperations operations) {
        this.region = region;
        this.faults = faults;
        this.model = model;
        this.operations = operations;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            byte[] request = body.readAllBytes();
            try {
                ObjectNode response = serve(exchange, request);
                send(exchange, 200, MAPPER.writeValueAsBytes(response));
            } catch (DataApiException e) {
                sendError(exchange, e);
            } catch (RuntimeException e) {
                sendError(exchange, new DataApiException("InternalServerException", 500, "devstack: " + e));
            }
        }
    }

    private ObjectNode serve(HttpExchange exchange, byte[] request) throws IOException {
        Optional<Fault> fault = faults.beforeRequest(Service.REDSHIFT_DATA, region);
        if (fault.isPresent()) {
            throw asError(fault.get());
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            throw new DataApiException("UnknownOperationException", 400, "The Data API accepts only POST");
        }
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (target == null || !target.startsWith(TARGET_PREFIX)) {
            throw new DataApiException("UnknownOperationException", 400,
                    "Missing or foreign X-Amz-Target header: " + target + " (expected RedshiftData.<Operation>)");
        }
        String operation = target.substring(TARGET_PREFIX.length());
        // the account's request-rate quota applies before the request is read, as AWS's front door does
        model.admit(operation);
        JsonNode body = request.length == 0 ? MAPPER.createObjectNode() : parse(request);
        return operations.dispatch(operation, body);
    }

    private static JsonNode parse(byte[] request) {
        try {
            JsonNode node = MAPPER.readTree(request);
            if (node == null || !node.isObject()) {
                throw new DataApiException("SerializationException", 400, "The request body must be a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new DataApiException("SerializationException", 400, "The request body is not valid JSON: " + e.getMessage());
        }
    }

    private DataApiException asError(Fault fault) {
        return switch (fault) {
            case REGION_DOWN -> new DataApiException("ServiceUnavailableException", 503,
                    "Region " + region.id() + " is down (devstack fault)");
            case THROTTLING -> new DataApiException("ActiveStatementsExceededException", 400,
                    "Active statements exceeded the allowed quota (devstack fault)");
            case SERVER_ERROR -> new DataApiException("InternalServerException", 500,
                    "Internal server error (devstack fault)");
        };
    }

    private static void sendError(HttpExchange exchange, DataApiException e) throws IOException {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("__type", e.type());
        body.put("message", e.getMessage());
        exchange.getResponseHeaders().set("x-amzn-ErrorType", e.type());
        send(exchange, e.httpStatus(), MAPPER.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
