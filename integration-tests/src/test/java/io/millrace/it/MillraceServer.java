package io.millrace.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server distribution, copied to its own folder and run as a process on a free
 * loopback port, the way a user starts it with bin/millrace.
 */
public final class MillraceServer implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path home;
    private final int port;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;

    private MillraceServer(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /** Copies the distribution into {@code home} and starts it there, without the demo. */
    public static MillraceServer install(Path home) {
        return install(home, "enabled=false\n");
    }

    /**
     * Copies the distribution into {@code home} and starts it there.
     *
     * @param demoConfiguration the contents of etc/io.millrace.demo.cfg
     */
    public static MillraceServer install(Path home, String demoConfiguration) {
        copyTree(distribution(), home);
        try {
            Files.writeString(home.resolve("etc/io.millrace.demo.cfg"), demoConfiguration);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        MillraceServer server = new MillraceServer(home, freePort());
        server.start();
        return server;
    }

    /** The unpacked distribution that {@link #install} copies. */
    public static Path distribution() {
        Path distribution = Path.of(System.getProperty("millrace.distribution", "target/server/millrace"));
        if (!Files.isRegularFile(distribution.resolve("bin/millrace"))) {
            throw new IllegalStateException("No server distribution at " + distribution.toAbsolutePath()
                    + "; build it with mvn -pl integration-tests -am verify");
        }
        return distribution;
    }

    /** Starts the installed server (again) and waits until its health endpoint answers. */
    public void start() {
        try {
            process = new ProcessBuilder(
                            List.of("bash", home.resolve("bin/millrace").toString(), "--port", "" + port))
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            home.resolve("console.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "The server exited with " + process.exitValue() + " while starting:\n" + console());
            }
            if (healthStatus() == 200) {
                return;
            }
            // Polled often: the benchmarks time a start by this method.
            sleep(Duration.ofMillis(50));
        }
        stop();
        throw new IllegalStateException(
                "The server did not report healthy within " + START_TIMEOUT + ":\n" + console());
    }

    /** Kills the server at once (SIGKILL), as a crash or an out-of-memory killer would. */
    public void kill() {
        if (process == null) {
            return;
        }
        try {
            process.destroyForcibly().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process = null;
        }
    }

    /** Stops the server with {@code bin/millrace stop}, as a user would, and waits for it to exit. */
    public void stop() {
        if (process == null) {
            return;
        }
        try {
            Process stop = new ProcessBuilder(
                            List.of("bash", home.resolve("bin/millrace").toString(), "stop"))
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            home.resolve("console.log").toFile()))
                    .start();
            stop.waitFor(40, TimeUnit.SECONDS);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("bin/millrace stop did not stop the server:\n" + console());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public Path home() {
        return home;
    }

    public Path deployFolder() {
        return home.resolve("deploy");
    }

    public String adminPassword() {
        try {
            return Files.readString(home.resolve("data/initial-admin-password")).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String console() {
        try {
            Path console = home.resolve("console.log");
            return Files.exists(console) ? Files.readString(console, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String log() {
        try {
            return Files.readString(home.resolve("logs/millrace.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int healthStatus() {
        try {
            return http.send(
                            HttpRequest.newBuilder(uri("/api/v1/health"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void copyTree(Path from, Path to) {
        try {
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
