package io.millrace.engine.internal;

import static io.millrace.engine.internal.EngineTesting.rows;
import static io.millrace.engine.internal.EngineTesting.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.connector.api.ConnectionSettings;
import io.millrace.engine.TaskState;
import io.millrace.engine.Verification;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults while a workload runs against the source and landing and storage follow it: the network
 * to each database cut and down for a while (through a proxy), the target database stopped and
 * started again, the source restarted. Afterwards storage equals the source (verified), and no
 * change landed or was applied twice.
 */
class FaultInjectionTest {
    private static Path data;
    private static Database source;
    private static Database target;

    /** An embedded PostgreSQL that can be stopped and started again on the same data and port. */
    private static final class Database {
        private final Path directory;
        private final int port;
        private final TcpProxy proxy;
        private EmbeddedPostgres server;

        Database(Path directory) throws IOException {
            this.directory = directory;
            try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                this.port = free.getLocalPort();
            }
            start();
            this.proxy = new TcpProxy(port);
        }

        void start() throws IOException {
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("wal_level", "logical")
                    .start();
        }

        void stop() throws IOException {
            server.close();
        }

        Connection connect() throws SQLException {
            return server.getPostgresDatabase().getConnection();
        }

        /** Settings that reach the database through the proxy. */
        ConnectionSettings settings() {
            return new ConnectionSettings(
                    Map.of(
                            "host", "127.0.0.1",
                            "port", String.valueOf(proxy.port()),
                            "database", "postgres",
                            "user", "postgres",
                            "sslmode", "disable"),
                    Map.of());
        }
    }

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("millrace-faults");
        source = new Database(data.resolve("source"));
        target = new Database(data.resolve("target"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (Database database : List.of(source, target)) {
            database.proxy.close();
            database.stop();
        }
        try (var paths = Files.walk(data)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void storageEqualsTheSourceAfterNetworkCutsAndDatabaseRestarts() throws Exception {
        execute(
                source,
                "CREATE TABLE public.orders (id int PRIMARY KEY, status text, amount numeric(10,2))",
                "INSERT INTO public.orders SELECT i, 'new', i / 3.0 FROM generate_series(1, 2000) i");
        Pipeline pipeline = new Pipeline(
                "faults", source.settings(), target.settings(), Duration.ofSeconds(30), Duration.ofDays(7), "orders");
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        Thread workload = new Thread(() -> write(writing, written));
        try {
            workload.start();

            pause(2);
            target.proxy.cut();
            pause(2);
            source.proxy.cut();
            pause(2);
            target.proxy.refuse(); // the network to the target is down for a while
            pause(8);
            target.proxy.restore();
            pause(2);
            target.stop(); // the target database stops and comes back
            pause(8);
            target.start();
            pause(2);
            source.stop(); // the source restarts
            source.start();
            pause(3);
            writing.set(false);
            workload.join();
            assertThat(written.get())
                    .as("the workload wrote while faults happened")
                    .isGreaterThan(200);

            waitFor(
                    pipeline.landing,
                    status -> status.state() == TaskState.CDC
                            && status.lastError().isEmpty());
            waitFor(
                    pipeline.storage,
                    status -> status.state() == TaskState.RUNNING
                            && status.lastError().isEmpty());
            Verification report = pipeline.verify();
            assertThat(report.state()).as(report.toString()).isEqualTo(Verification.FINISHED);
            assertThat(report.tables())
                    .singleElement()
                    .satisfies(table ->
                            assertThat(table.outcome()).as(table.toString()).isEqualTo("equal"));

            try (Connection warehouse = target.connect()) {
                assertThat(rows(
                                warehouse,
                                "SELECT __tx, id FROM faults_landing.orders__ct GROUP BY __tx, id HAVING COUNT(*) > 1"))
                        .as("no change landed twice")
                        .isEmpty();
                assertThat(rows(
                                warehouse,
                                "SELECT id, __seq FROM faults_storage.orders_history GROUP BY id, __seq"
                                        + " HAVING COUNT(*) > 1"))
                        .as("no change applied twice")
                        .isEmpty();
                assertThat(rows(
                                warehouse,
                                "SELECT id FROM (SELECT id, __from_ts, LAG(__to_ts) OVER (PARTITION BY id ORDER BY"
                                        + " __from_ts, __seq) AS previous_end FROM faults_storage.orders_history) v"
                                        + " WHERE previous_end > __from_ts"))
                        .as("no versions of a key overlap")
                        .isEmpty();
            }
        } finally {
            writing.set(false);
            pipeline.stop();
        }
    }

    @Test
    void aMillionRowTransactionManySmallOnesAndATableRewrittenMidStreamLandOnce() throws Exception {
        execute(source, "CREATE TABLE public.bulk (id bigint PRIMARY KEY, v text, amount numeric(10,2))");
        Pipeline pipeline = new Pipeline(
                "bulk", source.settings(), target.settings(), Duration.ofSeconds(1), Duration.ofDays(7), "bulk");
        try {
            execute(
                    source,
                    "INSERT INTO public.bulk SELECT i, 'row ' || i, i / 100.0 FROM generate_series(1, 1000000) i");
            // Rewritten while the million rows land: landing and storage follow the wider type.
            execute(source, "ALTER TABLE public.bulk ALTER COLUMN amount TYPE numeric(18,4)");
            try (Connection connection = source.connect();
                    Statement statement = connection.createStatement()) {
                for (int i = 1; i <= 500; i++) {
                    statement.execute("UPDATE public.bulk SET amount = 12345678901234." + i + " WHERE id = " + i);
                }
            }
            waitFor(pipeline.landing, status -> status.changesLanded() >= 1_000_500, Duration.ofMinutes(5));
            // Counted per committed cycle: the million inserts and the updates may be applied in two
            // cycles of one apply, the second failing on the narrower type before storage widens.
            waitFor(
                    pipeline.storage,
                    status -> status.tables().get(0).changesApplied() >= 1_000_500
                            && status.tables().get(0).pendingChanges().orElse(-1) == 0,
                    Duration.ofMinutes(5));
            assertThat(pipeline.storage.status().tables().get(0).changesApplied())
                    .isEqualTo(1_000_500);
            Verification report = pipeline.verify();
            assertThat(report.tables()).singleElement().satisfies(table -> {
                assertThat(table.outcome()).as(table.toString()).isEqualTo("equal");
                assertThat(table.sourceRows()).isEqualTo(1_000_000);
            });
            try (Connection warehouse = target.connect()) {
                assertThat(rows(warehouse, "SELECT __op, COUNT(*) FROM bulk_landing.bulk__ct GROUP BY __op ORDER BY 1"))
                        .containsExactly("I|1000000", "U|500");
                assertThat(rows(warehouse, "SELECT amount FROM bulk_storage.bulk WHERE id = 500"))
                        .containsExactly("12345678901234.5000");
            }
        } finally {
            pipeline.stop();
        }
    }

    /** Inserts, updates and deletes, one per transaction, going on through source restarts. */
    private static void write(AtomicBoolean writing, AtomicLong written) {
        Random random = new Random(42);
        int nextId = 2001;
        while (writing.get()) {
            try (Connection connection = source.connect();
                    Statement statement = connection.createStatement()) {
                while (writing.get()) {
                    int choice = random.nextInt(10);
                    if (choice < 3) {
                        statement.execute("INSERT INTO public.orders VALUES (" + nextId++ + ", 'new', 1.50)");
                    } else if (choice < 9) {
                        statement.execute("UPDATE public.orders SET status = 'changed " + written.get()
                                + "', amount = amount + 1 WHERE id = " + (1 + random.nextInt(nextId - 1)));
                    } else {
                        statement.execute("DELETE FROM public.orders WHERE id = " + (1 + random.nextInt(nextId - 1)));
                    }
                    written.incrementAndGet();
                    Thread.sleep(10);
                }
            } catch (SQLException e) {
                pauseQuietly(); // the source is restarting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void pause(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
    }

    private static void pauseQuietly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void execute(Database database, String... statements) throws SQLException {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
