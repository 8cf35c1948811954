package io.paydr.devstack.s3.internal;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.faults.Fault;
import io.paydr.devstack.faults.Faults;
import io.paydr.devstack.faults.Service;
import io.paydr.devstack.internal.SigV4Scope;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Runs in front of s3proxy's servlet, in the same Jetty, so the fault check costs no extra hop or copy.
 * Decides each request's Region from its bucket (see {@link BucketRegions}) and answers injected faults
 * with S3's own error responses.
 */
public final class S3FaultFilter implements Filter {

    private final Faults faults;
    private final BucketRegions regions;
    private final boolean acceptEncryptionHeaders;

    /**
     * @param acceptEncryptionHeaders drop the server-side-encryption request headers before s3proxy sees them: its
     *                                on-disk store refuses them (501), where S3 accepts them. devstack encrypts
     *                                nothing in either store; the difference left is that a disk store does not
     *                                echo the encryption in its responses (docs: devstack/README.md)
     */
    public S3FaultFilter(Faults faults, BucketRegions regions, boolean acceptEncryptionHeaders) {
        this.faults = faults;
        this.regions = regions;
        this.acceptEncryptionHeaders = acceptEncryptionHeaders;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String[] path = bucketAndKey(request.getRequestURI());
        Optional<DevRegion> scope = SigV4Scope.region(request.getHeader("Authorization"), request.getQueryString());
        DevRegion region = regions.regionOf(path[0], scope);
        Optional<Fault> fault = faults.beforeRequest(Service.S3, region);
        if (fault.isPresent()) {
            S3Errors.write(response, fault.get(), region, request.getRequestURI(), "HEAD".equals(request.getMethod()));
            return;
        }
        if (isGetBucketLocation(request, path) && regions.knows(path[0])) {
            writeLocation(response, regions.regionOf(path[0], scope));
            return;
        }
        BodyReadToEnd body = new BodyReadToEnd(acceptEncryptionHeaders ? new WithoutEncryptionHeaders(request) : request);
        chain.doFilter(body, res);
        body.finish();
        recordBucketLifecycle(request, response.getStatus(), path, scope);
    }

    /** s3proxy answers every GetBucketLocation with us-east-1; devstack knows better for buckets it saw created. */
    private static boolean isGetBucketLocation(HttpServletRequest request, String[] path) {
        return "GET".equals(request.getMethod()) && path[0] != null && path[1].isEmpty()
                && "location".equals(request.getQueryString());
    }

    private static void writeLocation(HttpServletResponse response, DevRegion region) throws IOException {
        String constraint = region == DevRegion.PRIMARY ? "" : region.id();
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint "
                + "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" + constraint + "</LocationConstraint>")
                .getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/xml");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private void recordBucketLifecycle(HttpServletRequest request, int status, String[] path, Optional<DevRegion> scope) {
        boolean bucketOnly = path[0] != null && path[1].isEmpty()
                && (request.getQueryString() == null || request.getQueryString().isEmpty());
        if (!bucketOnly) {
            return;
        }
        if ("PUT".equals(request.getMethod()) && status == 200) {
            regions.created(path[0], scope.orElse(DevRegion.PRIMARY));
        } else if ("DELETE".equals(request.getMethod()) && status == 204) {
            regions.deleted(path[0]);
        }
    }

    /** Path-style addressing: {@code /bucket/key...}; bucket null for service-level requests. */
    static String[] bucketAndKey(String uri) {
        String path = uri.startsWith("/") ? uri.substring(1) : uri;
        if (path.isEmpty()) {
            return new String[] {null, ""};
        }
        int slash = path.indexOf('/');
        return slash < 0 ? new String[] {path, ""} : new String[] {path.substring(0, slash), path.substring(slash + 1)};
    }

    /**
     * Reads to its end a body s3proxy began to read. s3proxy's aws-chunked decoder stops at the last chunk and leaves
     * the closing bytes unread; Jetty then closes the connection unless they happen to have arrived. S3 keeps the
     * connection, and a client still writing those bytes sees the connection reset, and retries a write that was
     * stored (a conditional one then meets its own object: 412). A body s3proxy never opened is left alone: with
     * {@code Expect: 100-continue} the client sends nothing after a final response, so reading would wait.
     */
    private static final class BodyReadToEnd extends jakarta.servlet.http.HttpServletRequestWrapper {
        private jakarta.servlet.ServletInputStream opened;

        BodyReadToEnd(HttpServletRequest request) {
            super(request);
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() throws IOException {
            opened = super.getInputStream();
            return opened;
        }

        void finish() throws IOException {
            if (opened != null) {
                byte[] rest = new byte[8192];
                while (opened.read(rest) >= 0) {
                    // discarded: the part of the body s3proxy had no use for
                }
            }
        }
    }

    /** The request without its {@code x-amz-server-side-encryption*} headers. */
    private static final class WithoutEncryptionHeaders extends jakarta.servlet.http.HttpServletRequestWrapper {
        private static final String PREFIX = "x-amz-server-side-encryption";

        WithoutEncryptionHeaders(HttpServletRequest request) {
            super(request);
        }

        private static boolean hidden(String name) {
            return name != null && name.toLowerCase(java.util.Locale.ROOT).startsWith(PREFIX);
        }

        @Override
        public String getHeader(String name) {
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            return hidden(name) ? java.util.Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaderNames() {
            return java.util.Collections.enumeration(java.util.Collections.list(super.getHeaderNames()).stream()
                    .filter(name -> !hidden(name)).toList());
        }
    }
}
