package io.millrace.engine.internal;

import static io.millrace.engine.internal.EngineTesting.rows;
import static io.millrace.engine.internal.EngineTesting.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorProvider;
import io.millrace.connector.api.TableDescription;
import io.millrace.connector.h2.internal.H2ConnectorProvider;
import io.millrace.connector.postgres.internal.PostgresConnectorProvider;
import io.millrace.engine.TaskState;
import io.millrace.engine.TaskStatus;
import io.millrace.scheduler.Schedule;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Incremental landing from a real PostgreSQL into H2: a full load, then on a schedule the rows
 * whose updated-at grew land as upserts, also rows committed late with the mark's value, each once;
 * deletes are not seen, and storage's current and history tables follow the landed rows.
 */
class IncrementalLandingTest {
    private static final ConnectorProvider POSTGRES = new PostgresConnectorProvider();
    private static final ConnectorProvider H2 = new H2ConnectorProvider();
    /** Runs close together, so the test waits little. */
    private static final Schedule OFTEN = new Schedule() {
        @Override
        public Optional<Instant> next(Instant after) {
            return Optional.of(after.plusMillis(200));
        }

        @Override
        public String text() {
            return "every 0.2s";
        }
    };

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void newAndUpdatedRowsLandOnceAsUpsertsAndStorageFollowsButDeletesAreNotSeen() throws Exception {
        source(
                "CREATE TABLE public.items (id int PRIMARY KEY, name text, updated_at timestamptz)",
                "INSERT INTO public.items VALUES (1, 'one', '2024-01-01 10:00+00'), (2, 'two', '2024-01-01 11:00+00'),"
                        + " (3, 'three', '2024-01-01 12:00+00')");
        ConnectionSettings target = new ConnectionSettings(
                Map.of("url", "jdbc:h2:mem:incremental;DB_CLOSE_DELAY=-1", "user", "sa"), Map.of());
        Supplier<TableDescription> items = () -> POSTGRES.catalog().orElseThrow().tables(sourceSettings()).stream()
                .filter(table -> table.name().equals("items"))
                .findFirst()
                .orElseThrow();
        LandingTaskRunner runner =
                incremental("inc", target, new Increments(Map.of(List.of("public", "items"), "updated_at"), OFTEN));
        Thread thread = new Thread(runner);
        thread.start();
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:incremental", "sa", "")) {
            TaskStatus loaded = waitFor(runner, status -> status.state() == TaskState.INCREMENTAL);
            assertThat(loaded.notice())
                    .hasValueSatisfying(notice -> assertThat(notice).contains("deleted in the source are not seen"));
            assertThat(rows(h2, "SELECT \"id\" FROM \"inc_landing\".\"items\" ORDER BY 1"))
                    .containsExactly("1", "2", "3");
            Thread.sleep(1000); // runs go on: the loaded rows, those with the mark's value too, do not land again
            assertThat(runner.status().changesLanded()).isZero();

            source(
                    "UPDATE public.items SET name = 'TWO', updated_at = '2024-01-02 09:00+00' WHERE id = 2",
                    "INSERT INTO public.items VALUES (4, 'four', '2024-01-02 09:00+00')",
                    // Committed late with the mark's value: reading from the mark itself finds it.
                    "INSERT INTO public.items VALUES (5, 'five', '2024-01-01 12:00+00')",
                    "DELETE FROM public.items WHERE id = 1");
            waitFor(runner, status -> status.changesLanded() >= 3);
            Thread.sleep(1000); // runs go on: nothing lands twice

            assertThat(rows(
                            h2,
                            "SELECT \"__op\", \"id\", \"name\" FROM \"inc_landing\".\"items__ct\" ORDER BY \"__seq\""))
                    .containsExactlyInAnyOrder("U|2|TWO", "U|4|four", "U|5|five");
            assertThat(rows(
                            h2,
                            "SELECT \"mark_value\" FROM \"inc_landing\".\"__millrace_increment\""
                                    + " WHERE \"task_id\" = 'inc'"))
                    .containsExactly("2024-01-02 09:00:00+00");
            assertThat(runner.status().changesLanded()).isEqualTo(3);

            TableDescription table = items.get();
            StorageLayout layout = new StorageLayout(H2.target().orElseThrow(), "inc", "postgres");
            layout.create(h2, table);
            new StorageApply(layout).apply(h2, table, true, changes -> {});
            assertThat(rows(h2, "SELECT \"id\", \"name\" FROM \"inc_storage\".\"items\" ORDER BY 1"))
                    .as("the deleted row 1 stays: incremental landing does not see deletes")
                    .containsExactly("1|one", "2|TWO", "3|three", "4|four", "5|five");
            assertThat(
                            rows(
                                    h2,
                                    "SELECT \"name\" FROM \"inc_storage\".\"items_history\" WHERE \"id\" = 2 ORDER BY \"__from_ts\""))
                    .containsExactly("two", "TWO");
            assertThat(rows(h2, "SELECT \"name\" FROM \"inc_storage\".\"items_history\" WHERE \"id\" = 3"))
                    .as("the row with the mark's value at the load has one version")
                    .containsExactly("three");
        } finally {
            runner.stop();
            thread.join(30_000);
        }
    }

    @Test
    void aColumnAddedAndATableCreatedInTheSourceAreTakenOnBeforeTheNextRun() throws Exception {
        source(
                "CREATE TABLE public.gadgets (id int PRIMARY KEY, changed bigint)",
                "INSERT INTO public.gadgets VALUES (1, 1)");
        ConnectionSettings target = new ConnectionSettings(
                Map.of("url", "jdbc:h2:mem:incremental_catalog;DB_CLOSE_DELAY=-1", "user", "sa"), Map.of());
        LandingTaskRunner runner = incremental(
                "inc2",
                target,
                new Increments(
                        Map.of(List.of("public", "gadgets"), "changed", List.of("public", "widgets"), "changed"),
                        OFTEN));
        Thread thread = new Thread(runner);
        thread.start();
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:incremental_catalog", "sa", "")) {
            waitFor(runner, status -> status.state() == TaskState.INCREMENTAL);

            source(
                    "ALTER TABLE public.gadgets ADD COLUMN color text",
                    "INSERT INTO public.gadgets VALUES (2, 2, 'red')",
                    "CREATE TABLE public.widgets (id int PRIMARY KEY, changed bigint)",
                    "INSERT INTO public.widgets VALUES (10, 5)");
            awaitRows(h2, "SELECT \"id\", \"color\" FROM \"inc2_landing\".\"gadgets__ct\"", "2|red");
            awaitRows(h2, "SELECT \"id\" FROM \"inc2_landing\".\"widgets\"", "10");
            source("INSERT INTO public.widgets VALUES (11, 6)");

            awaitRows(h2, "SELECT \"__op\", \"id\" FROM \"inc2_landing\".\"widgets__ct\"", "U|11");
            assertThat(rows(h2, "SELECT \"id\", \"color\" FROM \"inc2_landing\".\"gadgets\""))
                    .as("rows loaded before the column was added hold NULL in it")
                    .containsExactly("1|null");
            assertThat(runner.status().tables())
                    .extracting(table -> table.table())
                    .containsExactly("gadgets", "widgets");
        } finally {
            runner.stop();
            thread.join(30_000);
        }
    }

    @Test
    void aRunAskedForNowLandsAtOnceAndAFailedRunIsRetriedBeforeTheScheduleWithoutLosingRows() throws Exception {
        source(
                "CREATE TABLE public.parts (id int PRIMARY KEY, changed bigint)",
                "INSERT INTO public.parts VALUES (1, 1)");
        ConnectionSettings target = new ConnectionSettings(
                Map.of("url", "jdbc:h2:mem:incremental_now;DB_CLOSE_DELAY=-1", "user", "sa"), Map.of());
        Schedule hourly = new Schedule() {
            @Override
            public Optional<Instant> next(Instant after) {
                return Optional.of(after.plus(Duration.ofHours(1)));
            }

            @Override
            public String text() {
                return "every 1h";
            }
        };
        LandingTaskRunner runner =
                incremental("inc3", target, new Increments(Map.of(List.of("public", "parts"), "changed"), hourly));
        Thread thread = new Thread(runner);
        thread.start();
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:incremental_now", "sa", "")) {
            Instant scheduled = waitFor(runner, status -> status.state() == TaskState.INCREMENTAL)
                    .nextRunAt()
                    .orElseThrow();
            assertThat(scheduled).isAfter(Instant.now().plus(Duration.ofMinutes(50)));

            source("INSERT INTO public.parts VALUES (2, 2)");
            runner.runNow();
            awaitRows(h2, "SELECT \"__op\", \"id\" FROM \"inc3_landing\".\"parts__ct\"", "U|2");

            // The source table is gone for a while: the run fails, and is retried long before the schedule.
            source("ALTER TABLE public.parts RENAME TO parts_away", "INSERT INTO public.parts_away VALUES (3, 3)");
            runner.runNow();
            TaskStatus failing = waitFor(runner, status -> status.failedRuns() == 1);
            assertThat(failing.state()).isEqualTo(TaskState.INCREMENTAL);
            assertThat(failing.lastError())
                    .hasValueSatisfying(error -> assertThat(error).contains("parts"));
            assertThat(failing.nextRunAt())
                    .hasValueSatisfying(next -> assertThat(next).isBefore(scheduled));
            assertThat(rows(
                            h2,
                            "SELECT \"mark_value\" FROM \"inc3_landing\".\"__millrace_increment\""
                                    + " WHERE \"task_id\" = 'inc3'"))
                    .as("the mark moves only with landed rows")
                    .containsExactly("2");

            source("ALTER TABLE public.parts_away RENAME TO parts");
            awaitRows(
                    h2, "SELECT \"__op\", \"id\" FROM \"inc3_landing\".\"parts__ct\" ORDER BY \"__seq\"", "U|2", "U|3");
            TaskStatus recovered = waitFor(runner, status -> status.failedRuns() == 0);
            assertThat(recovered.lastError()).isEmpty();
            assertThat(recovered.nextRunAt())
                    .as("the schedule goes on as before")
                    .contains(scheduled);
            assertThat(recovered.changesLanded()).isEqualTo(2);
        } finally {
            runner.stop();
            thread.join(30_000);
        }
    }

    /** Waits up to half a minute until the query gives these rows. */
    private static void awaitRows(Connection connection, String sql, String... expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> found = List.of();
        while (System.nanoTime() < deadline && !found.equals(List.of(expected))) {
            Thread.sleep(100);
            try {
                found = rows(connection, sql);
            } catch (SQLException e) {
                found = List.of(e.getMessage()); // not created yet
            }
        }
        assertThat(found).containsExactly(expected);
    }

    private static ConnectionSettings sourceSettings() {
        return new ConnectionSettings(
                Map.of(
                        "host", "localhost",
                        "port", String.valueOf(postgres.getPort()),
                        "database", "postgres",
                        "user", "postgres",
                        "sslmode", "disable"),
                Map.of());
    }

    /** Runs the statements in one transaction, so that no run sees some of them without the others. */
    private static void source(String... statements) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (String sql : statements) {
                statement.execute(sql);
            }
            connection.commit();
        }
    }

    /**
     * An incremental landing task of the tables the increments name, into {@code target}, with the
     * tables described anew at each attempt, as the engine does.
     */
    private static LandingTaskRunner incremental(String taskId, ConnectionSettings target, Increments increments) {
        return new LandingTaskRunner(
                taskId,
                () -> new LandingJob(
                        taskId,
                        "millrace_" + taskId,
                        taskId + "_landing",
                        "postgres",
                        POSTGRES.source().orElseThrow(),
                        sourceSettings(),
                        H2.target().orElseThrow(),
                        target,
                        POSTGRES.catalog().orElseThrow().tables(sourceSettings()).stream()
                                .filter(table ->
                                        increments.columns().containsKey(List.of(table.schema(), table.name())))
                                .toList(),
                        false,
                        1,
                        1000,
                        Optional.of(increments)),
                Duration.ofMinutes(1));
    }
}
