package io.millrace.engine.internal;

import static io.millrace.engine.internal.EngineTesting.rows;
import static io.millrace.engine.internal.EngineTesting.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorProvider;
import io.millrace.connector.api.TableDescription;
import io.millrace.connector.api.TargetDialect;
import io.millrace.connector.postgres.internal.PostgresConnectorProvider;
import io.millrace.engine.TaskState;
import io.millrace.engine.TaskStatus;
import io.millrace.engine.Verification;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A landing task and a storage task on it (history on, applying continuously), from tables of a
 * PostgreSQL source into a PostgreSQL target, each on its own thread; started and waited for.
 */
final class Pipeline {
    private static final ConnectorProvider POSTGRES = new PostgresConnectorProvider();

    final LandingTaskRunner landing;
    final StorageTaskRunner storage;
    private final Supplier<LandingJob> landingJob;
    private final Supplier<StorageJob> storageJob;
    private final List<Thread> threads;

    /**
     * @param project names the task and the target schemas
     * @param tables the names of the source's tables to land
     */
    Pipeline(
            String project,
            ConnectionSettings source,
            ConnectionSettings target,
            Duration catalogCheck,
            Duration retention,
            String... tables)
            throws InterruptedException {
        TargetDialect dialect = POSTGRES.target().orElseThrow();
        Supplier<List<TableDescription>> described = () -> POSTGRES.catalog().orElseThrow().tables(source).stream()
                .filter(table -> List.of(tables).contains(table.name()))
                .toList();
        landingJob = () -> new LandingJob(
                project,
                "millrace_" + project,
                project + "_landing",
                "postgres",
                POSTGRES.source().orElseThrow(),
                source,
                dialect,
                target,
                described.get(),
                true,
                2,
                1000);
        landing = new LandingTaskRunner(project, landingJob, catalogCheck);
        storageJob = () -> new StorageJob(
                project + "-store",
                project,
                "postgres",
                dialect,
                target,
                described.get(),
                true,
                Optional.empty(),
                retention);
        storage = new StorageTaskRunner(project + "-store", storageJob, false);
        threads = List.of(new Thread(landing), new Thread(storage));
        threads.forEach(Thread::start);
        waitFor(landing, status -> status.state() == TaskState.CDC);
        waitFor(storage, status -> status.state() == TaskState.RUNNING);
    }

    /** Waits up to a minute until a query of the target gives these rows. */
    void awaitStored(Connection target, String query, String... expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> stored = List.of();
        while (System.nanoTime() < deadline && !stored.equals(List.of(expected))) {
            Thread.sleep(200);
            try {
                stored = rows(target, query);
            } catch (SQLException e) {
                stored = List.of(e.getMessage()); // views made anew in between
            }
        }
        assertThat(stored).containsExactly(expected);
    }

    /** Runs a verification of the pipeline's tables to its end. */
    Verification verify() {
        VerificationRun run = new VerificationRun(landingJob, storageJob, List.of(), new VerificationRun.Tasks() {
            @Override
            public Optional<TaskStatus> landing() {
                return Optional.of(landing.status());
            }

            @Override
            public Optional<TaskStatus> storage() {
                return Optional.of(storage.status());
            }

            @Override
            public Optional<java.time.Instant> landedUpTo() {
                return landing.progress.landedUpTo();
            }

            @Override
            public boolean applyNow() {
                storage.applyNow();
                return true;
            }
        });
        run.run();
        return run.report("store");
    }

    void stop() throws InterruptedException {
        landing.stop();
        storage.stop();
        for (Thread thread : threads) {
            thread.join(30_000);
        }
    }
}
