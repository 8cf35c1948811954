package io.paydr.devstack.s3.internal;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.faults.Fault;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Renders an injected fault as S3 renders the real error: status code plus the XML error document. */
final class S3Errors {

    private S3Errors() {
    }

    static void write(HttpServletResponse response, Fault fault, DevRegion region, String resource, boolean head)
            throws IOException {
        String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
        response.setStatus(status(fault));
        response.setHeader("x-amz-request-id", requestId);
        response.setHeader("Connection", "close");
        if (head) {
            return;
        }
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code(fault) + "</Code><Message>"
                + message(fault, region) + "</Message><Resource>" + xmlEscape(resource) + "</Resource><RequestId>"
                + requestId + "</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/xml");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static int status(Fault fault) {
        return fault == Fault.SERVER_ERROR ? 500 : 503;
    }

    private static String code(Fault fault) {
        return switch (fault) {
            case REGION_DOWN -> "ServiceUnavailable";
            case SERVER_ERROR -> "InternalError";
            case THROTTLING -> "SlowDown";
        };
    }

    private static String message(Fault fault, DevRegion region) {
        return switch (fault) {
            case REGION_DOWN -> "Service is unable to handle request (devstack: Region " + region.id() + " is down).";
            case SERVER_ERROR -> "We encountered an internal error. Please try again.";
            case THROTTLING -> "Please reduce your request rate.";
        };
    }

    private static String xmlEscape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
