package io.paydr.devstack.emulators;

import io.paydr.devstack.DevRegion;
import io.paydr.devstack.internal.Clients;
import io.paydr.devstack.sns.SnsEmulator;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** {@code moto_server} as a subprocess on a free port: an independent emulator for the contract tests. */
final class MotoServer implements Emulator, SnsEmulator, AutoCloseable {

    static final String NOT_INSTALLED = "moto_server is not on the PATH (pip install 'moto[server]')";

    private static MotoServer shared;

    private final Process process;
    private final URI endpoint;

    private MotoServer(Process process, int port) {
        this.process = process;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    /** Empty when no {@code moto_server} command is on the PATH. */
    static Optional<Path> command() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "moto_server");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** For {@code @EnabledIf("io.paydr.devstack.emulators.MotoServer#installed")} on the contract tests. */
    static boolean installed() {
        return command().isPresent();
    }

    /** One moto_server per test JVM, started on first use and stopped with the JVM. */
    static synchronized MotoServer shared() {
        if (shared == null) {
            try {
                shared = start(command().orElseThrow(() -> new IllegalStateException(NOT_INSTALLED)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start moto_server", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while moto_server started", e);
            }
            MotoServer server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        return shared;
    }

    static MotoServer start(Path command) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(command.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        MotoServer server = new MotoServer(process, port);
        server.awaitListening(Duration.ofSeconds(30));
        return server;
    }

    @Override
    public String name() {
        return "moto";
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public S3Client s3(DevRegion region) {
        return Clients.build(S3Client.builder().forcePathStyle(true), endpoint, region);
    }

    @Override
    public SnsClient sns(DevRegion region) {
        return Clients.build(SnsClient.builder(), endpoint, region);
    }

    @Override
    public SqsClient sqs(DevRegion region) {
        return Clients.build(SqsClient.builder(), endpoint, region);
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        process.waitFor();
    }

    private void awaitListening(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto_server exited with " + process.exitValue() + " before listening");
            }
            try (Socket ignored = new Socket(endpoint.getHost(), endpoint.getPort())) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("moto_server did not listen on " + endpoint + " within " + timeout);
    }
}
