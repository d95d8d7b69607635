package io.millrace.benchmarks;

import static io.millrace.it.Fixtures.awaitStatus;
import static io.millrace.it.Fixtures.created;

import com.fasterxml.jackson.databind.JsonNode;
import io.millrace.benchmarks.Samples.Unit;
import io.millrace.it.Api;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Verification of pgbench_accounts, from the request until its report is finished, after storage
 * has applied what the CDC benchmark landed. The baseline is the least a check of equality costs:
 * a count and a sum of row hashes, of the source table and then of storage's current view; it
 * finds that the tables differ, not where, as verification does.
 */
final class VerifyBenchmark {
    private static final Duration POLL = Duration.ofMillis(100);
    private static final String COUNT_AND_HASH =
            "SELECT count(*), sum(hashtext(concat_ws(',', aid, bid, abalance, rtrim(filler)))::bigint) FROM ";

    private final Setup setup;
    private final long rows;
    private final int runs;
    private final String project;
    private final String landing;

    /** @param rows the rows of pgbench_accounts */
    VerifyBenchmark(Setup setup, long rows, int runs, String project, String landing) {
        this.setup = setup;
        this.rows = rows;
        this.runs = runs;
        this.project = project;
        this.landing = landing;
    }

    List<Figure> run() throws SQLException {
        Api admin = setup.admin();
        String tasks = "/api/v1/projects/" + project + "/tasks";
        String storage = created(admin.post(
                tasks, Map.of("name", "store", "type", "storage", "storage", Map.of("landingTask", landing))));
        admin.post(tasks + "/" + storage + "/actions/start", Map.of());
        awaitStatus(admin, tasks + "/" + storage, status -> {
            for (JsonNode table : status.path("tables")) {
                if (table.path("table").asText().equals("pgbench_accounts")) {
                    return table.hasNonNull("lastApplyAt");
                }
            }
            return false;
        });
        Samples verify = new Samples(Unit.SECONDS);
        Samples countAndHash = new Samples(Unit.SECONDS);
        for (int run = 1; run <= runs; run++) {
            long started = System.nanoTime();
            Api.Response verifying = admin.post(
                    tasks + "/" + landing + "/actions/verify", Map.of("tables", List.of("public.pgbench_accounts")));
            if (verifying.status() != 202) {
                throw new IllegalStateException("Verify answered " + verifying);
            }
            String report = tasks + "/" + verifying.json().path("taskId").asText() + "/verifications/"
                    + verifying.json().path("id").asText();
            Polling.until(
                    POLL, () -> !admin.get(report).json().path("state").asText().equals("running"));
            verify.addNanos(System.nanoTime() - started);
            JsonNode verified = admin.get(report).json();
            if (!verified.path("tables").path(0).path("outcome").asText().equals("equal")) {
                throw new IllegalStateException("Verification did not find the tables equal: " + verified);
            }

            started = System.nanoTime();
            String source = countAndHash(setup.source(), "public.pgbench_accounts");
            String target = countAndHash(setup.target(), "cdc_storage.pgbench_accounts");
            countAndHash.addNanos(System.nanoTime() - started);
            if (!source.equals(target) || !source.startsWith(rows + ",")) {
                throw new IllegalStateException("Count and hash: source " + source + ", target " + target);
            }
            System.out.printf("verify run %d: %s, count and hash %s%n", run, verify.summary(), countAndHash.summary());
        }
        return List.of(Figure.against(
                String.format("verify pgbench_accounts, %,d rows: request until the report is finished", rows),
                verify,
                "`count(*)` and a sum of row hashes, source then target",
                countAndHash));
    }

    private static String countAndHash(EmbeddedPostgres postgres, String table) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(COUNT_AND_HASH + table)) {
            result.next();
            return result.getLong(1) + "," + Objects.toString(result.getObject(2));
        }
    }
}
