package io.paydr.devstack.s3;

import io.paydr.devstack.faults.Faults;
import io.paydr.devstack.s3.internal.BucketRegions;
import io.paydr.devstack.s3.internal.S3FaultFilter;
import jakarta.servlet.DispatcherType;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.gaul.shaded.org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.gaul.shaded.org.eclipse.jetty.server.Server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

/**
 * One S3 endpoint (s3proxy, path-style) for both Regions, with faults applied per bucket Region.
 * The store is in memory, or on disk under a data directory so objects survive restarts.
 */
public final class S3Server implements AutoCloseable {

    private final S3Proxy proxy;
    private final URI endpoint;

    private S3Server(S3Proxy proxy) {
        this.proxy = proxy;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** Starts on a free loopback port; {@code storeDirectory} null keeps objects in memory. */
    public static S3Server start(Faults faults, Path storeDirectory) {
        return start(storeDirectory, faults);
    }

    /** s3proxy alone, without the fault filter: only for measuring what the filter costs. */
    public static S3Server startWithoutFaults(Path storeDirectory) {
        return start(storeDirectory, null);
    }

    private static S3Server start(Path storeDirectory, Faults faults) {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore(storeDirectory))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.NONE, null, null)
                .ignoreUnknownHeaders(true)
                .build();
        if (faults != null) {
            installFaultFilter(proxy, new S3FaultFilter(faults, bucketRegions(storeDirectory), storeDirectory != null));
        }
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the S3 server (s3proxy): " + e.getMessage(), e);
        }
        return new S3Server(proxy);
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the S3 server: " + e.getMessage(), e);
        }
    }

    /** Kept next to a persistent store (not inside it, where s3proxy would list it as a bucket). */
    private static BucketRegions bucketRegions(Path storeDirectory) {
        if (storeDirectory == null) {
            return new BucketRegions(null);
        }
        Path absolute = storeDirectory.toAbsolutePath();
        return new BucketRegions(absolute.resolveSibling(absolute.getFileName() + "-bucket-regions.properties"));
    }

    private static BlobStore blobStore(Path storeDirectory) {
        if (storeDirectory == null) {
            return new TransientNio2BlobStore();
        }
        try {
            Files.createDirectories(storeDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the S3 store directory " + storeDirectory, e);
        }
        return new FilesystemNio2BlobStore(storeDirectory.toAbsolutePath().toString());
    }

    /** s3proxy keeps its Jetty private; the filter goes into its servlet context before start. */
    private static void installFaultFilter(S3Proxy proxy, S3FaultFilter filter) {
        try {
            Field serverField = S3Proxy.class.getDeclaredField("server");
            serverField.setAccessible(true);
            Server server = (Server) serverField.get(proxy);
            ServletContextHandler context = server.getDescendant(ServletContextHandler.class);
            context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot install the fault filter into s3proxy (expected 4.1.0): " + e, e);
        }
    }
}
