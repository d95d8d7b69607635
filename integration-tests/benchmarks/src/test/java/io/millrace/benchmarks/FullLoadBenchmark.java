package io.millrace.benchmarks;

import static io.millrace.it.Fixtures.created;

import com.fasterxml.jackson.databind.JsonNode;
import io.millrace.benchmarks.Samples.Unit;
import io.millrace.it.Api;
import io.millrace.it.Fixtures;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A full load of pgbench_accounts from one source by a landing task, from creating the project
 * over REST until the task has stopped, against a {@link FullLoadBaseline} that copies the same
 * table into the same target table without Millrace.
 */
final class FullLoadBenchmark {
    private static final Duration POLL = Duration.ofMillis(100);

    private final Setup setup;
    private final BenchmarkSource source;
    private final FullLoadBaseline baseline;
    private final int runs;

    FullLoadBenchmark(Setup setup, BenchmarkSource source, FullLoadBaseline baseline, int runs) {
        this.setup = setup;
        this.source = source;
        this.baseline = baseline;
        this.runs = runs;
    }

    List<Figure> run() throws Exception {
        long rows = source.workload().accounts();
        Samples whole = new Samples(Unit.SECONDS);
        Samples copy = new Samples(Unit.SECONDS);
        Samples loadRate = new Samples(Unit.ROWS_PER_SECOND);
        Samples copyRate = new Samples(Unit.ROWS_PER_SECOND);
        Api admin = setup.admin();
        Fixtures.execute(
                setup.target(),
                "postgres",
                "CREATE TABLE IF NOT EXISTS public.pgbench_accounts"
                        + " (aid int NOT NULL, bid int, abalance int, filler char(84))");
        for (int run = 1; run <= runs; run++) {
            String name = source.project("load" + run);
            long started = System.nanoTime();
            String project = created(admin.post(
                    "/api/v1/projects",
                    Map.of("name", name, "type", "replication", "targetConnection", setup.targetConnection())));
            String tasks = "/api/v1/projects/" + project + "/tasks";
            String task = created(admin.post(
                    tasks,
                    Map.of(
                            "name",
                            "load",
                            "type",
                            "landing",
                            "sourceConnection",
                            source.connection(),
                            "tables",
                            Map.of("include", List.of(source.tables("pgbench_accounts"))),
                            "mode",
                            "full-load")));
            admin.post(tasks + "/" + task + "/actions/start", Map.of());
            Polling.until(POLL, () -> {
                JsonNode status = admin.get(tasks + "/" + task + "/status").json();
                if (status.path("state").asText().equals("failed")) {
                    throw new IllegalStateException("The full load failed: " + status);
                }
                return status.path("state").asText().equals("stopped");
            });
            whole.addNanos(System.nanoTime() - started);
            long loaded = admin.get(tasks + "/" + task + "/status")
                    .json()
                    .path("tables")
                    .path(0)
                    .path("rowsLoaded")
                    .asLong();
            long landed = count(name + "_landing.pgbench_accounts");
            if (loaded != rows || landed != rows) {
                throw new IllegalStateException(
                        "The full load reported " + loaded + " rows and landed " + landed + " of " + rows);
            }
            loadRate.add(rows / (loadMillis(task) / 1e3));
            admin.delete("/api/v1/projects/" + project);
            Fixtures.execute(setup.target(), "postgres", "DROP SCHEMA " + name + "_landing CASCADE");

            started = System.nanoTime();
            long copied;
            try (Connection target = setup.target().getPostgresDatabase().getConnection()) {
                try (Statement statement = target.createStatement()) {
                    statement.execute("TRUNCATE public.pgbench_accounts");
                }
                copied = baseline.copyAccounts(target);
            }
            long took = System.nanoTime() - started;
            long inTarget = count("public.pgbench_accounts");
            if (copied != rows || inTarget != rows) {
                throw new IllegalStateException(baseline.name() + " copied " + copied + " rows and the target holds "
                        + inTarget + " of " + rows);
            }
            copy.addNanos(took);
            copyRate.add(rows / (took / 1e9));
            System.out.printf(
                    "%sfull load run %d: %s, baseline %s%n",
                    source.figurePrefix(), run, whole.summary(), copy.summary());
        }
        return List.of(
                Figure.against(
                        source.figure(String.format(
                                "full load of pgbench_accounts, %,d rows: whole command (create project and task"
                                        + " over REST, load, poll every 100 ms until stopped)",
                                rows)),
                        whole,
                        baseline.name(),
                        copy),
                Figure.against(
                        source.figure(
                                "the load alone (`loaded N key ranges in M ms` in the server log), rows per second"),
                        loadRate,
                        baseline.name(),
                        copyRate));
    }

    /** The rows of a table in the target. */
    private long count(String table) throws SQLException {
        try (Connection target = setup.target().getPostgresDatabase().getConnection();
                Statement statement = target.createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }

    /** How long the task's load took, as the server logged it. */
    private long loadMillis(String task) {
        Matcher logged = Pattern.compile("Landing task " + Pattern.quote(task) + " loaded \\d+ key ranges in (\\d+) ms")
                .matcher(setup.server().log());
        long millis = -1;
        while (logged.find()) {
            millis = Long.parseLong(logged.group(1));
        }
        if (millis < 0) {
            throw new IllegalStateException("The server log does not say how long task " + task + " loaded");
        }
        return millis;
    }
}
