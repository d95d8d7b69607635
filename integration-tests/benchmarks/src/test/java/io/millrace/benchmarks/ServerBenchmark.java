package io.millrace.benchmarks;

import io.millrace.benchmarks.Samples.Unit;
import io.millrace.it.Api;
import io.millrace.it.MillraceServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server as a process: restart to healthy, resident memory when idle, and a connector jar
 * landing in deploy/ until the REST API lists it. The baseline is the same installation with
 * system/ reduced to what it takes to answer HTTP at all (Felix, SCR, ConfigAdmin, Felix HTTP with
 * Jetty) and an empty deploy/: it measures the JVM, the launcher and Jetty.
 */
final class ServerBenchmark {
    private static final Pattern BASELINE_BUNDLES = Pattern.compile(
            "felix\\.http|felix\\.scr|felix\\.configadmin|osgi\\.service\\.component|osgi\\.util|commons-(fileupload|io)");
    private static final Duration POLL = Duration.ofMillis(50);

    private final MillraceServer server;
    private final Path baselineHome;
    private final int runs;
    private final Duration idle;

    ServerBenchmark(MillraceServer server, Path baselineHome, int runs, Duration idle) {
        this.server = server;
        this.baselineHome = baselineHome;
        this.runs = runs;
        this.idle = idle;
    }

    /** Restarts the (stopped) server {@code runs} times, and leaves it running. */
    List<Figure> run() throws IOException, InterruptedException {
        installBaseline();
        Samples start = new Samples(Unit.SECONDS);
        Samples baselineStart = new Samples(Unit.SECONDS);
        Samples memory = new Samples(Unit.MEBIBYTES);
        Samples baselineMemory = new Samples(Unit.MEBIBYTES);
        Samples deploy = new Samples(Unit.SECONDS);
        for (int run = 1; run <= runs; run++) {
            long started = System.nanoTime();
            server.start();
            start.addNanos(System.nanoTime() - started);
            Thread.sleep(idle.toMillis());
            memory.add(residentMebibytes(Long.parseLong(
                    Files.readString(server.home().resolve("data/millrace.pid")).trim())));
            deploy.addNanos(deployToListed());
            server.stop();

            int port = MillraceServer.freePort();
            started = System.nanoTime();
            Process baseline = new ProcessBuilder("bash", "bin/millrace", "--port", String.valueOf(port))
                    .directory(baselineHome.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(baselineHome.resolve("console.log").toFile())
                    .start();
            try {
                Polling.until(POLL, () -> {
                    if (!baseline.isAlive()) {
                        throw new IllegalStateException("The baseline server exited; see " + baselineHome);
                    }
                    return accepts(port);
                });
                baselineStart.addNanos(System.nanoTime() - started);
                Thread.sleep(idle.toMillis());
                baselineMemory.add(residentMebibytes(baseline.pid()));
            } finally {
                baseline.destroy();
                baseline.waitFor();
            }
            System.out.printf(
                    "server run %d: start %s, idle %s, deploy %s%n",
                    run, start.summary(), memory.summary(), deploy.summary());
        }
        server.start();
        String baselineName = "Felix, SCR, ConfigAdmin, HTTP/Jetty only";
        return List.of(
                Figure.against(
                        "restart to healthy `GET /api/v1/health` (baseline: to port open)",
                        start,
                        baselineName,
                        baselineStart),
                Figure.against(
                        "resident memory (VmRSS) idle " + idle.toSeconds() + " s after start",
                        memory,
                        baselineName,
                        baselineMemory),
                Figure.alone("connector jar moved into `deploy/` until listed by `GET /api/v1/connectors`", deploy));
    }

    /** Moves the shipped H2 connector out of deploy/ and back in; the time from back in to listed. */
    private long deployToListed() throws IOException {
        Api admin = Api.anonymous(server).login("admin", server.adminPassword());
        BooleanSupplier listed = () -> admin.get("/api/v1/connectors").body().contains("\"id\":\"h2\"");
        Path jar;
        try (Stream<Path> files = Files.list(server.deployFolder())) {
            jar = files.filter(file -> file.getFileName().toString().startsWith("io.millrace.connector.h2-"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No H2 connector in " + server.deployFolder()));
        }
        Path parked = server.home().resolve("data").resolve(jar.getFileName() + ".parked");
        Files.move(jar, parked);
        Polling.until(POLL, () -> !listed.getAsBoolean());
        long started = System.nanoTime();
        Files.move(parked, jar);
        Polling.until(POLL, listed);
        return System.nanoTime() - started;
    }

    private void installBaseline() throws IOException {
        MillraceServer.copyTree(MillraceServer.distribution(), baselineHome);
        try (Stream<Path> deployed = Files.list(baselineHome.resolve("deploy"));
                Stream<Path> system = Files.list(baselineHome.resolve("system"))) {
            for (Path jar : Stream.concat(
                            deployed,
                            system.filter(jar -> !BASELINE_BUNDLES
                                    .matcher(jar.getFileName().toString())
                                    .find()))
                    .toList()) {
                Files.delete(jar);
            }
        }
    }

    private static double residentMebibytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("No VmRSS in /proc/" + pid + "/status");
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
