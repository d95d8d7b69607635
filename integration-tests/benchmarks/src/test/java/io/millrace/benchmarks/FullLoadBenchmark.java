package io.millrace.benchmarks;

import static io.millrace.it.Fixtures.created;

import com.fasterxml.jackson.databind.JsonNode;
import io.millrace.benchmarks.Samples.Unit;
import io.millrace.it.Api;
import io.millrace.it.Fixtures;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A full load of pgbench_accounts by a landing task, from creating the project over REST until
 * the task has stopped, against the {@link CopyPipe} of the same table.
 */
final class FullLoadBenchmark {
    private static final Duration POLL = Duration.ofMillis(100);

    private final Setup setup;
    private final int runs;

    FullLoadBenchmark(Setup setup, int runs) {
        this.setup = setup;
        this.runs = runs;
    }

    List<Figure> run() throws Exception {
        long rows = setup.workload().accounts();
        Samples whole = new Samples(Unit.SECONDS);
        Samples pipe = new Samples(Unit.SECONDS);
        Samples loadRate = new Samples(Unit.ROWS_PER_SECOND);
        Samples pipeRate = new Samples(Unit.ROWS_PER_SECOND);
        Api admin = setup.admin();
        Fixtures.execute(
                setup.target(),
                "postgres",
                "CREATE TABLE public.pgbench_accounts (aid int NOT NULL, bid int, abalance int, filler char(84))");
        for (int run = 1; run <= runs; run++) {
            String name = "load" + run;
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
                            setup.sourceConnection(),
                            "tables",
                            Map.of("include", List.of("public.pgbench_accounts")),
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
            if (loaded != rows) {
                throw new IllegalStateException("The full load landed " + loaded + " rows of " + rows);
            }
            loadRate.add(rows / (loadMillis(task) / 1e3));
            admin.delete("/api/v1/projects/" + project);
            Fixtures.execute(setup.target(), "postgres", "DROP SCHEMA " + name + "_landing CASCADE");

            started = System.nanoTime();
            try (Connection source = setup.source().getPostgresDatabase().getConnection();
                    Connection target = setup.target().getPostgresDatabase().getConnection()) {
                try (Statement statement = target.createStatement()) {
                    statement.execute("TRUNCATE public.pgbench_accounts");
                }
                CopyPipe.copy(source, target, "public.pgbench_accounts");
            }
            long piped = System.nanoTime() - started;
            pipe.addNanos(piped);
            pipeRate.add(rows / (piped / 1e9));
            System.out.printf("full load run %d: %s, pipe %s%n", run, whole.summary(), pipe.summary());
        }
        String pipeName = "COPY TO STDOUT piped into COPY FROM STDIN";
        return List.of(
                Figure.against(
                        String.format(
                                "full load of pgbench_accounts, %,d rows: whole command (create project and task"
                                        + " over REST, load, poll every 100 ms until stopped)",
                                rows),
                        whole,
                        pipeName,
                        pipe),
                Figure.against(
                        "the load alone (`loaded N key ranges in M ms` in the server log), rows per second",
                        loadRate,
                        pipeName,
                        pipeRate));
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
