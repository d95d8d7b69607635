package io.millrace.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One run of the embedded Felix framework, from start to a clean stop. */
final class Server {
    static final String PORT_PROPERTY = "org.osgi.service.http.port";
    static final String HOST_PROPERTY = "org.apache.felix.http.host";
    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final ServerLayout layout;
    private final Map<String, String> properties;

    Server(ServerLayout layout, Map<String, String> properties) {
        this.layout = layout;
        this.properties = properties;
    }

    int runUntilStopped() throws Exception {
        long startedAt = System.nanoTime();
        String host = properties.getOrDefault(HOST_PROPERTY, "127.0.0.1");
        int port = Integer.parseInt(properties.getOrDefault(PORT_PROPERTY, "8080"));
        requirePortFree(host, port);

        Map<String, Object> configuration = new HashMap<>(properties);
        configuration.put("felix.log.logger", new FrameworkLog());
        Framework framework = new FrameworkFactory().newFramework(configuration);
        framework.init();
        framework.getBundleContext().addFrameworkListener(Server::logFrameworkEvent);
        List<org.osgi.framework.Bundle> core =
                new SystemBundles(layout.system()).reconcile(framework.getBundleContext());
        framework.start();
        SystemBundles.startAll(core);

        Thread stopOnSignal = new Thread(() -> stop(framework), "millrace-shutdown");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        announceWhenReady(host, port, startedAt);

        FrameworkEvent stopped = framework.waitForStop(0);
        return stopped.getType() == FrameworkEvent.ERROR ? 1 : 0;
    }

    /** Runs as the JVM's shutdown hook (Ctrl-C, SIGTERM from 'bin/millrace stop', or System.exit). */
    private static void stop(Framework framework) {
        try {
            if (framework.getState() == org.osgi.framework.Bundle.ACTIVE) {
                LOG.info("Stopping Millrace");
                framework.stop();
            }
            framework.waitForStop(STOP_TIMEOUT.toMillis());
            LOG.info("Millrace stopped");
        } catch (BundleException e) {
            LOG.error("Clean stop failed: {}", e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            Logging.shutdown();
        }
    }

    private static void requirePortFree(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new LaunchException("Cannot listen on " + host + ":" + port + " (" + e.getMessage()
                    + "). Stop what uses that port, or start with --port <n> / --host <address>.");
        }
    }

    /**
     * Prints where the server listens once the health endpoint answers, so that the line a user
     * reads is true: the server is really up.
     */
    private void announceWhenReady(String host, int port, long startedAt) {
        String publicHost = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
        URI base = URI.create(
                "http://" + (publicHost.contains(":") ? "[" + publicHost + "]" : publicHost) + ":" + port + "/");
        Thread watcher = new Thread(
                () -> {
                    if (awaitHealthy(base.resolve("api/v1/health"))) {
                        double seconds = (System.nanoTime() - startedAt) / 1e9;
                        StringBuilder banner = new StringBuilder(String.format(
                                "Millrace %s is ready at %s (started in %.1f s)",
                                Main.Version.current(), base, seconds));
                        Path password = layout.data().resolve("initial-admin-password");
                        if (Files.exists(password)) {
                            banner.append(System.lineSeparator())
                                    .append("  Sign in as 'admin' with the password in ")
                                    .append(password);
                        }
                        LOG.info(banner.toString());
                    } else {
                        LOG.error(
                                "The server did not become healthy within {} s: see the errors above",
                                READY_TIMEOUT.toSeconds());
                    }
                },
                "millrace-ready");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static boolean awaitHealthy(URI health) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(health)
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static void logFrameworkEvent(FrameworkEvent event) {
        String bundle =
                event.getBundle() == null ? "framework" : event.getBundle().getSymbolicName();
        switch (event.getType()) {
            case FrameworkEvent.ERROR -> LOG.error("{}: {}", bundle, message(event), event.getThrowable());
            case FrameworkEvent.WARNING -> LOG.warn("{}: {}", bundle, message(event), event.getThrowable());
            default -> {}
        }
    }

    private static String message(FrameworkEvent event) {
        return event.getThrowable() == null
                ? "framework event"
                : String.valueOf(event.getThrowable().getMessage());
    }
}
