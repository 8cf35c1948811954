package io.paydr.devstack.sns.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.paydr.devstack.DevRegion;
import io.paydr.devstack.faults.Fault;
import io.paydr.devstack.faults.Faults;
import io.paydr.devstack.faults.Service;
import io.paydr.devstack.internal.SigV4Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The HTTP side of the Query protocol: read the form, find the Region in the SigV4 scope, apply the fault
 * switchboard, run the action, answer XML (200 with the result, or the error's status with an ErrorResponse).
 */
public final class SnsHttpHandler implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SnsHttpHandler.class);

    private final Faults faults;
    private final Actions actions;

    public SnsHttpHandler(Faults faults, Actions actions) {
        this.faults = faults;
        this.actions = actions;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            int status;
            String body;
            try {
                body = serve(exchange, requestId);
                status = 200;
            } catch (SnsError e) {
                body = QueryReplies.error(e, requestId);
                status = e.status();
            } catch (RuntimeException e) {
                LOG.error("SNS request {} failed inside devstack", requestId, e);
                body = QueryReplies.error(SnsError.receiver(500, "InternalError", "devstack SNS failed: " + e), requestId);
                status = 500;
            }
            reply(exchange, status, body, requestId);
        }
    }

    private String serve(HttpExchange exchange, String requestId) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        QueryParams params = QueryParams.parse(exchange.getRequestURI().getRawQuery(), form);
        DevRegion region = region(exchange);
        faults.beforeRequest(Service.SNS, region).ifPresent(fault -> {
            throw injected(fault, region);
        });
        String action = params.optional("Action")
                .orElseThrow(() -> SnsError.sender(400, "MissingAction", "The request must contain the parameter Action"));
        Xml result = new Xml();
        actions.run(action, new Call(region, params), result);
        return QueryReplies.success(action, result, requestId);
    }

    /**
     * The Region of the SigV4 credential scope. Unsigned requests (hand-written curl calls) are taken as
     * addressed to the primary Region; a signed request for a Region devstack does not emulate is refused.
     */
    private static DevRegion region(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String query = exchange.getRequestURI().getRawQuery();
        return SigV4Scope.region(authorization, query).orElseGet(() -> {
            if (authorization != null || (query != null && query.contains("X-Amz-Credential"))) {
                throw SnsError.invalidParameter("Invalid parameter: Region Reason: the request is signed for a Region "
                        + "devstack does not emulate (only us-east-1 and us-west-2)");
            }
            return DevRegion.PRIMARY;
        });
    }

    /** Injected faults in the codes AWS SNS sends, so SDK retry policies treat them as they would on AWS. */
    private static SnsError injected(Fault fault, DevRegion region) {
        return switch (fault) {
            case REGION_DOWN -> SnsError.receiver(503, "ServiceUnavailable",
                    "Service Unavailable (devstack fault: " + region.id() + " is down)");
            case SERVER_ERROR -> SnsError.receiver(500, "InternalError", "Internal Error (devstack injected fault)");
            case THROTTLING -> SnsError.sender(400, "Throttling", "Rate exceeded (devstack injected fault)");
        };
    }

    private static void reply(HttpExchange exchange, int status, String body, String requestId) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
