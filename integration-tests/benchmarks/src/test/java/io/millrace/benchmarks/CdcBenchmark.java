package io.millrace.benchmarks;

import static io.millrace.it.Fixtures.awaitStatus;
import static io.millrace.it.Fixtures.created;

import com.fasterxml.jackson.databind.JsonNode;
import io.millrace.benchmarks.Samples.Unit;
import io.millrace.it.Api;
import io.millrace.it.MillraceServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Change data capture of pgbench's four tables from one source while its {@link TpcbWorkload}
 * runs, at a fixed rate and as fast as its clients can. Throughput is every change the workload made divided by
 * the time from its start until the task had landed them all; the baseline is the rate at which
 * the workload made them. Latency (source commit to target commit of the transaction that waited
 * longest in the last landed batch) is sampled from the task's status every 100 ms.
 */
final class CdcBenchmark {
    private static final Duration SAMPLE_INTERVAL = Duration.ofMillis(100);

    private final Setup setup;
    private final BenchmarkSource source;
    private final int runs;
    private final int clients;
    private final double rate;
    private final Duration duration;
    private String project;
    private String landing;

    CdcBenchmark(Setup setup, BenchmarkSource source, int runs, int clients, double rate, Duration duration) {
        this.setup = setup;
        this.source = source;
        this.runs = runs;
        this.clients = clients;
        this.rate = rate;
        this.duration = duration;
    }

    /** The project the benchmark created, still capturing: the verify benchmark adds storage to it. */
    String project() {
        return project;
    }

    String landingTask() {
        return landing;
    }

    /** One workload setting's figures over the runs. */
    private record Measured(Samples landed, Samples made, Samples p50, Samples p99) {
        Measured() {
            this(
                    new Samples(Unit.CHANGES_PER_SECOND),
                    new Samples(Unit.CHANGES_PER_SECOND),
                    new Samples(Unit.MILLISECONDS),
                    new Samples(Unit.MILLISECONDS));
        }
    }

    List<Figure> run() throws InterruptedException {
        Api admin = setup.admin();
        project = created(admin.post(
                "/api/v1/projects",
                Map.of(
                        "name",
                        source.project("cdc"),
                        "type",
                        "replication",
                        "targetConnection",
                        setup.targetConnection())));
        String tasks = "/api/v1/projects/" + project + "/tasks";
        landing = created(admin.post(
                tasks,
                Map.of(
                        "name",
                        "capture",
                        "type",
                        "landing",
                        "sourceConnection",
                        source.connection(),
                        "tables",
                        Map.of("include", List.of(source.tables("pgbench_%"))),
                        "mode",
                        "full-load+cdc")));
        admin.post(tasks + "/" + landing + "/actions/start", Map.of());
        awaitStatus(
                admin,
                tasks + "/" + landing,
                status -> status.path("state").asText().equals("cdc"));

        Measured fixed = new Measured();
        Measured unthrottled = new Measured();
        for (int run = 1; run <= runs; run++) {
            measure(admin, tasks + "/" + landing + "/status", rate, fixed);
            measure(admin, tasks + "/" + landing + "/status", 0, unthrottled);
            System.out.printf(
                    "%scdc run %d: fixed %s p99 %s; unthrottled %s p99 %s%n",
                    source.figurePrefix(),
                    run,
                    fixed.landed().summary(),
                    fixed.p99().summary(),
                    unthrottled.landed().summary(),
                    unthrottled.p99().summary());
        }
        String fixedName = String.format(
                Locale.ROOT,
                "at a fixed %,.0f changes/s (%,.0f transactions/s, %d clients, %d s)",
                rate * TpcbWorkload.CHANGES_PER_TRANSACTION,
                rate,
                clients,
                duration.toSeconds());
        String unthrottledName =
                String.format(Locale.ROOT, "unthrottled (%d clients, %d s)", clients, duration.toSeconds());
        List<Figure> figures = new ArrayList<>();
        for (var setting : List.of(Map.entry(fixedName, fixed), Map.entry(unthrottledName, unthrottled))) {
            Measured measured = setting.getValue();
            figures.add(Figure.against(
                    source.figure("CDC " + setting.getKey() + ": changes landed per second"),
                    measured.landed(),
                    "changes the workload made per second",
                    measured.made()));
            figures.add(Figure.alone(source.figure("CDC " + setting.getKey() + ": latency p50"), measured.p50()));
            figures.add(Figure.alone(source.figure("CDC " + setting.getKey() + ": latency p99"), measured.p99()));
        }
        return figures;
    }

    private void measure(Api admin, String status, double transactionsPerSecond, Measured into)
            throws InterruptedException {
        long before = admin.get(status).json().path("changesLanded").asLong();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        // Stopped by a flag, not an interrupt: an interrupt would break off a request in flight.
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                JsonNode latency = admin.get(status).json().path("latencyMillis");
                if (latency.isNumber()) {
                    latencies.add(latency.asLong());
                }
                MillraceServer.sleep(SAMPLE_INTERVAL);
            }
        });
        long started = System.nanoTime();
        sampler.start();
        TpcbWorkload.Result result;
        try {
            result = source.workload().run(clients, transactionsPerSecond, duration);
        } finally {
            sampling.set(false);
            sampler.join();
        }
        long changes = result.transactions() * TpcbWorkload.CHANGES_PER_TRANSACTION;
        try {
            Polling.until(
                    Duration.ofMillis(50),
                    () -> admin.get(status).json().path("changesLanded").asLong() >= before + changes);
        } catch (IllegalStateException e) {
            JsonNode now = admin.get(status).json();
            throw new IllegalStateException(
                    "The task landed " + (now.path("changesLanded").asLong() - before) + " of the " + changes
                            + " changes the workload made: " + now,
                    e);
        }
        long landed = System.nanoTime() - started;
        into.landed().add(changes / (landed / 1e9));
        into.made().add(changes / (result.nanos() / 1e9));
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        into.p50().add(percentile(sorted, 0.50));
        into.p99().add(percentile(sorted, 0.99));
    }

    private static double percentile(List<Long> sorted, double fraction) {
        if (sorted.isEmpty()) {
            throw new IllegalStateException("The task reported no latency while changes streamed");
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * fraction)));
    }
}
