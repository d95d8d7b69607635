package io.millrace.demo.internal;

import io.millrace.connections.ConnectionInfo;
import io.millrace.connections.ConnectionRejectedException;
import io.millrace.connections.ConnectionRequest;
import io.millrace.connections.Connections;
import io.millrace.engine.TaskEngine;
import io.millrace.project.ProjectInfo;
import io.millrace.project.ProjectRequest;
import io.millrace.project.Projects;
import io.millrace.project.StorageSettings;
import io.millrace.project.TableSelection;
import io.millrace.project.TaskInfo;
import io.millrace.project.TaskRequest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up the demo the first time the server starts: an embedded PostgreSQL on a loopback port
 * with the shop database, connections to it and to an H2 warehouse, and the project {@code demo}
 * whose tasks land the shop and keep current and history tables of it, applied every 10 seconds. Later starts only start the database again; the task resumes by
 * itself.
 */
@Component(
        service = {},
        immediate = true,
        configurationPid = DemoConfiguration.PID)
@Designate(ocd = DemoConfiguration.class)
public final class DemoSetup {
    static final String PROJECT = "demo";
    static final String SOURCE = "demo shop (PostgreSQL)";
    static final String TARGET = "demo warehouse (H2)";
    private static final Logger LOG = LoggerFactory.getLogger(DemoSetup.class);
    private static final Duration CONNECTOR_WAIT = Duration.ofMinutes(2);

    private final DemoConfiguration configuration;
    private final Path data;
    private final Connections connections;
    private final Projects projects;
    private final TaskEngine engine;
    private final Thread setup;
    private volatile EmbeddedPostgres database;
    private volatile ShopActivity activity;
    private volatile boolean stopping;

    @Activate
    public DemoSetup(
            BundleContext context,
            DemoConfiguration configuration,
            @Reference Connections connections,
            @Reference Projects projects,
            @Reference TaskEngine engine) {
        this.configuration = configuration;
        this.data = Path.of(context.getProperty("millrace.data"));
        this.connections = connections;
        this.projects = projects;
        this.engine = engine;
        this.setup = new Thread(this::setUp, "millrace-demo");
        setup.setDaemon(true);
        if (configuration.enabled()) {
            setup.start();
        } else {
            LOG.info("The demo is disabled (etc/{}.cfg)", DemoConfiguration.PID);
        }
    }

    @Deactivate
    void stop() throws IOException, InterruptedException {
        stopping = true;
        setup.interrupt();
        setup.join(Duration.ofSeconds(30).toMillis());
        ShopActivity running = activity;
        if (running != null) {
            running.stop();
        }
        EmbeddedPostgres started = database;
        if (started != null) {
            started.close();
        }
    }

    private void setUp() {
        try {
            database = startDatabase();
            try (Connection connection = database.getPostgresDatabase().getConnection()) {
                if (ShopDatabase.createIfMissing(connection)) {
                    LOG.info("Created the demo shop database");
                }
            }
            ensureProject();
            activity = new ShopActivity(this::shopConnection, configuration.changesPerSecond());
            Thread shop = new Thread(activity, "millrace-demo-shop");
            shop.setDaemon(true);
            shop.start();
            LOG.info(
                    "The demo runs: PostgreSQL on 127.0.0.1:{} lands into project '{}'", configuration.port(), PROJECT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.error("The demo cannot start: {}", e.getMessage(), e);
        }
    }

    private EmbeddedPostgres startDatabase() throws IOException {
        Path directory = data.resolve("demo-postgres");
        Files.createDirectories(directory);
        return EmbeddedPostgres.builder()
                .setDataDirectory(directory.resolve("data"))
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(directory.resolve("binaries").toFile())
                .setPort(configuration.port())
                .setServerConfig("wal_level", "logical")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
    }

    private Connection shopConnection() {
        try {
            return database.getPostgresDatabase().getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("The demo database is not reachable: " + e.getMessage(), e);
        }
    }

    /** The connections, project and task, created once; the source's port follows the configuration. */
    private void ensureProject() throws InterruptedException {
        ConnectionRequest source = new ConnectionRequest(
                SOURCE,
                "postgres",
                Map.of(
                        "host", "127.0.0.1",
                        "port", String.valueOf(configuration.port()),
                        "database", "postgres",
                        "user", "postgres",
                        "sslmode", "disable"),
                Map.of());
        ConnectionRequest target = new ConnectionRequest(
                TARGET,
                "h2",
                Map.of("url", "jdbc:h2:file:" + data.resolve("demo-warehouse").toAbsolutePath(), "user", "sa"),
                Map.of());
        String sourceId = saved(source);
        String targetId = saved(target);
        Optional<ProjectInfo> existing = projects.projects().stream()
                .filter(project -> project.name().equals(PROJECT))
                .findFirst();
        if (existing.isPresent()) {
            return;
        }
        ProjectInfo project = projects.createProject(new ProjectRequest(PROJECT, "replication", targetId));
        TaskInfo task = projects.createTask(
                project.id(),
                TaskRequest.landing(
                        "land shop",
                        sourceId,
                        new TableSelection(List.of(), List.of(ShopDatabase.SCHEMA + ".%"), List.of()),
                        TaskInfo.FULL_LOAD_AND_CDC));
        projects.createTask(
                project.id(),
                new TaskRequest(
                        "store shop",
                        TaskInfo.STORAGE,
                        null,
                        null,
                        null,
                        new StorageSettings(task.id(), true, 10, null, null, null)));
        engine.startProject(project.id());
        LOG.info("Created the demo project and started its landing and storage tasks");
    }

    /** Creates or updates a connection by name, waiting for its connector to be deployed. */
    private String saved(ConnectionRequest request) throws InterruptedException {
        long deadline = System.nanoTime() + CONNECTOR_WAIT.toNanos();
        while (true) {
            try {
                Optional<ConnectionInfo> existing = connections.list().stream()
                        .filter(connection -> connection.name().equals(request.name()))
                        .findFirst();
                return existing.isPresent()
                        ? connections.update(existing.get().id(), request).id()
                        : connections.create(request).id();
            } catch (ConnectionRejectedException e) {
                if (e.reason() != ConnectionRejectedException.Reason.CONNECTOR_MISSING
                        || System.nanoTime() > deadline
                        || stopping) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }
}
