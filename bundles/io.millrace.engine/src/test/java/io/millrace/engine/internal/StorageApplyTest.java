package io.millrace.engine.internal;

import static io.millrace.engine.internal.EngineTesting.collect;
import static io.millrace.engine.internal.EngineTesting.rows;
import static io.millrace.engine.internal.EngineTesting.waitFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorProvider;
import io.millrace.connector.api.TableDescription;
import io.millrace.connector.api.TargetDialect;
import io.millrace.connector.h2.internal.H2ConnectorProvider;
import io.millrace.connector.mariadb.internal.MariaDbConnectorProvider;
import io.millrace.connector.mariadb.internal.TestMariaDb;
import io.millrace.connector.postgres.internal.PostgresConnectorProvider;
import io.millrace.engine.TaskState;
import io.millrace.engine.TaskStatus;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Storage on landed changes: after a scripted workload, the current view equals the source, and
 * the history's as-of query at each moment the script noted equals the source as it was then.
 */
class StorageApplyTest {
    private static final ConnectorProvider POSTGRES = new PostgresConnectorProvider();
    private static final ConnectorProvider H2 = new H2ConnectorProvider();
    private static final ConnectorProvider MARIADB = new MariaDbConnectorProvider();
    private static final String COLUMNS = "\"id\", \"owner\", \"balance\", \"notes\"";
    private static EmbeddedPostgres postgres;
    /** Started by the first test with a MariaDB target. */
    private static TestMariaDb mariaDb;

    @BeforeAll
    static void start() throws Exception {
        // Every test's landing task keeps its replication slot: more tests than the default 10.
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "40")
                .setServerConfig("max_wal_senders", "40")
                .start();
        source("CREATE DATABASE target");
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
        if (mariaDb != null) {
            mariaDb.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgres", "mariadb"})
    void currentAndHistoryEqualTheSourceAtEveryMomentOfAWorkload(String targetKind) throws Exception {
        String table = "accounts_" + targetKind;
        String qualified = "public." + table;
        source(
                "CREATE TABLE " + qualified + " (id int PRIMARY KEY, owner text, balance numeric(12,2), notes text)",
                "INSERT INTO " + qualified
                        + " VALUES (1, 'ann', 10.00, 'a'), (2, 'bob', 20.00, 'b'), (3, 'cy', 30.00, NULL)");
        ConnectorProvider targetConnector = switch (targetKind) {
            case "h2" -> H2;
            case "mariadb" -> MARIADB;
            default -> POSTGRES;
        };
        ConnectionSettings targetSettings = switch (targetKind) {
            case "h2" -> h2("storage");
            case "mariadb" -> mariaDb().settings("admin", "admin-password");
            default -> settings("target");
        };
        TableDescription description = described(table);
        String project = "st_" + targetKind;
        LandingTaskRunner runner = new LandingTaskRunner(new LandingJob(
                "storage-" + targetKind,
                "millrace_storage_" + targetKind,
                project + "_landing",
                "postgres",
                POSTGRES.source().orElseThrow(),
                settings("postgres"),
                targetConnector.target().orElseThrow(),
                targetSettings,
                List.of(description),
                true,
                1,
                1000));
        Thread thread = started(runner);
        try {
            waitFor(runner, status -> status.state() == TaskState.CDC);
            Map<OffsetDateTime, List<String>> moments = new LinkedHashMap<>();
            moments.put(sourceNow(), sourceRows(qualified));
            String big = "x".repeat(5000) + "y".repeat(5000);
            String[][] steps = {
                {
                    "INSERT INTO " + qualified + " VALUES (4, 'dee', 40.00, 'd')",
                    "UPDATE " + qualified + " SET balance = 11.00 WHERE id = 1"
                },
                {
                    "DELETE FROM " + qualified + " WHERE id = 2",
                    "BEGIN; UPDATE " + qualified + " SET balance = 31.00 WHERE id = 3; UPDATE " + qualified
                            + " SET balance = 32.00 WHERE id = 3; COMMIT"
                },
                {
                    "UPDATE " + qualified + " SET id = 40 WHERE id = 4",
                    "INSERT INTO " + qualified + " VALUES (2, 'bob', 21.00, 'back')"
                },
                {
                    "UPDATE " + qualified
                            + " SET notes = (SELECT string_agg(md5(i::text), '') FROM generate_series(1, 300) i) WHERE id = 1",
                    "UPDATE " + qualified + " SET balance = 12.00 WHERE id = 1"
                },
                {"TRUNCATE " + qualified, "INSERT INTO " + qualified + " VALUES (5, 'eve', 50.00, '" + big + "')"},
                {"UPDATE " + qualified + " SET owner = 'eva' WHERE id = 5"}
            };
            StorageLayout layout = new StorageLayout(targetConnector.target().orElseThrow(), project, "postgres");
            StorageApply apply = new StorageApply(layout);
            try (Connection target = targetConnector.target().orElseThrow().open(targetSettings)) {
                if (targetKind.equals("mariadb")) {
                    // The test's queries quote names as standard SQL does; the engine's use backticks.
                    try (Statement statement = target.createStatement()) {
                        statement.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')");
                    }
                }
                layout.create(target, description);
                int[] changesPerStep = {2, 3, 3, 2, 2, 1};
                int expectedChanges = 0;
                for (int step = 0; step < steps.length; step++) {
                    source(steps[step]);
                    moments.put(sourceNow(), sourceRows(qualified));
                    expectedChanges += changesPerStep[step];
                    if (step == 1) {
                        // An apply in the middle: the rest must continue from its watermark.
                        int landed = expectedChanges;
                        waitFor(runner, status -> status.changesLanded() >= landed);
                        apply.apply(target, description, true, changes -> {});
                    }
                }
                int all = expectedChanges;
                waitFor(runner, status -> status.changesLanded() >= all);

                String views = "\"" + project + "_storage\".\"" + table;
                // Applied only up to the middle: the current view lags, the live views do not.
                assertThat(rows(target, "SELECT " + COLUMNS + " FROM " + views + "\" ORDER BY \"id\""))
                        .isNotEqualTo(sourceRows(qualified));
                assertThat(rows(target, "SELECT " + COLUMNS + " FROM " + views + "_live\" ORDER BY \"id\""))
                        .isEqualTo(sourceRows(qualified));
                for (Map.Entry<OffsetDateTime, List<String>> moment : moments.entrySet()) {
                    assertThat(asOf(target, project, table + "_history_live", moment.getKey()))
                            .as("live as of " + moment.getKey())
                            .isEqualTo(moment.getValue());
                }

                AtomicLong applied = new AtomicLong();
                apply.apply(target, description, true, applied::addAndGet);

                assertThat(applied.get()).isGreaterThan(0);
                assertThat(rows(
                                target,
                                "SELECT COUNT(*) FROM \"" + project + "_landing\".\"" + table
                                        + "__ct\" WHERE \"__unchanged\" IS NOT NULL"))
                        .as("the workload has an update that leaves a TOASTed value out")
                        .containsExactly("1");
                assertThat(rows(
                                target,
                                "SELECT " + COLUMNS + " FROM \"" + project + "_storage\".\"" + table
                                        + "\" ORDER BY \"id\""))
                        .isEqualTo(sourceRows(qualified));
                for (Map.Entry<OffsetDateTime, List<String>> moment : moments.entrySet()) {
                    assertThat(asOf(target, project, table + "_history", moment.getKey()))
                            .as("as of " + moment.getKey())
                            .isEqualTo(moment.getValue());
                }
                List<String> history = rows(
                        target, "SELECT " + COLUMNS + " FROM \"" + project + "_storage\".\"" + table + "_history\"");
                AtomicLong again = new AtomicLong();
                assertThat(apply.apply(target, description, true, again::addAndGet))
                        .isTrue();
                assertThat(again.get()).isZero();
                assertThat(rows(
                                target,
                                "SELECT " + COLUMNS + " FROM \"" + project + "_storage\".\"" + table + "_history\""))
                        .containsExactlyInAnyOrderElementsOf(history);
                assertThat(rows(target, "SELECT * FROM \"" + project + "_storage\".\"" + table + "_changes\""))
                        .isEmpty();
            }
        } finally {
            runner.stop();
            thread.join(30_000);
        }
    }

    @Test
    void aColumnAddedInTheSourceReachesLandingAndStorage() throws Exception {
        source(
                "CREATE TABLE public.evolving (id int PRIMARY KEY, a text)",
                "INSERT INTO public.evolving VALUES (1, 'a'), (2, 'b')");
        ConnectionSettings target = h2("evolving");
        String table = "evolving";
        LandingTaskRunner runner = landing("evolving", "ev_landing", H2.target().orElseThrow(), target, table);
        Thread thread = started(runner);
        try (Connection connection = H2.target().orElseThrow().open(target)) {
            waitFor(runner, status -> status.state() == TaskState.CDC);
            StorageLayout layout = new StorageLayout(H2.target().orElseThrow(), "ev", "postgres");
            StorageApply apply = new StorageApply(layout);
            layout.create(connection, layout.landedShape(connection, described(table)));
            apply.apply(connection, layout.landedShape(connection, described(table)), true, changes -> {});

            source(
                    "ALTER TABLE public.evolving ADD COLUMN b int",
                    "INSERT INTO public.evolving VALUES (3, 'c', 30)",
                    "UPDATE public.evolving SET b = 10 WHERE id = 1");
            waitFor(runner, status -> status.changesLanded() >= 2);
            TableDescription evolved = layout.landedShape(connection, described(table));
            layout.create(connection, evolved);
            apply.apply(connection, evolved, true, changes -> {});

            assertThat(rows(connection, "SELECT \"id\", \"a\", \"b\" FROM \"ev_landing\".\"evolving\" ORDER BY \"id\""))
                    .containsExactly("1|a|null", "2|b|null");
            assertThat(rows(
                            connection,
                            "SELECT \"__op\", \"id\", \"b\" FROM \"ev_landing\".\"evolving__ct\" ORDER BY \"__seq\""))
                    .containsExactly("I|3|30", "U|1|10");
            assertThat(rows(connection, "SELECT \"id\", \"a\", \"b\" FROM \"ev_storage\".\"evolving\" ORDER BY \"id\""))
                    .containsExactly("1|a|10", "2|b|null", "3|c|30");
            assertThat(rows(
                            connection,
                            "SELECT \"id\", \"b\", \"__to_ts\" IS NULL FROM \"ev_storage\".\"evolving_history\""
                                    + " ORDER BY \"id\", \"__seq\""))
                    .containsExactly("1|null|FALSE", "1|10|TRUE", "2|null|TRUE", "3|30|TRUE");

            // A dropped column stays in landing and storage, and holds NULL from then on.
            source("ALTER TABLE public.evolving DROP COLUMN a", "UPDATE public.evolving SET b = 20 WHERE id = 2");
            waitFor(runner, status -> status.changesLanded() >= 3);
            TableDescription dropped = layout.landedShape(connection, described(table));
            layout.create(connection, dropped);
            apply.apply(connection, dropped, true, changes -> {});
            assertThat(rows(connection, "SELECT \"id\", \"a\", \"b\" FROM \"ev_storage\".\"evolving\" ORDER BY \"id\""))
                    .containsExactly("1|a|10", "2|null|20", "3|c|30");
        } finally {
            runner.stop();
            thread.join(30_000);
        }
    }

    @Test
    void theCyclesThatCommittedAreCountedWhenALaterOneFails() throws Exception {
        source(
                "CREATE TABLE public.counted (id int PRIMARY KEY, name varchar(5))",
                "INSERT INTO public.counted VALUES (1, 'a')");
        ConnectionSettings target = h2("counted");
        String table = "counted";
        LandingTaskRunner runner = landing("counted", "ct_landing", H2.target().orElseThrow(), target, table);
        Thread thread = started(runner);
        try (Connection connection = H2.target().orElseThrow().open(target)) {
            waitFor(runner, status -> status.state() == TaskState.CDC);
            StorageLayout layout = new StorageLayout(H2.target().orElseThrow(), "ct", "postgres");
            StorageApply apply = new StorageApply(layout);
            TableDescription narrow = layout.landedShape(connection, described(table));
            layout.create(connection, narrow);
            apply.apply(connection, narrow, true, changes -> {});

            // A truncate gets a cycle of its own: the insert, the truncate, then a value too long for
            // the storage tables (not yet widened) make three cycles, the last of which fails.
            source(
                    "INSERT INTO public.counted VALUES (2, 'b')",
                    "TRUNCATE public.counted",
                    "ALTER TABLE public.counted ALTER COLUMN name TYPE varchar(20)",
                    "INSERT INTO public.counted VALUES (3, 'far too long')");
            waitFor(runner, status -> status.changesLanded() >= 3);
            List<Long> cycles = new ArrayList<>();

            assertThatThrownBy(() -> apply.apply(connection, narrow, true, cycles::add))
                    .isInstanceOf(SQLException.class);

            assertThat(cycles).as("changes applied per committed cycle").containsExactly(1L, 1L);
            assertThat(rows(connection, "SELECT \"id\" FROM \"ct_storage\".\"counted\""))
                    .as("the truncate was applied; the row after it was not")
                    .isEmpty();
        } finally {
            runner.stop();
            thread.join(30_000);
        }
    }

    @Test
    void typesWidenedInTheSourceWidenLandingAndStorage() throws Exception {
        source(
                "CREATE TABLE public.widening (id int PRIMARY KEY, name varchar(5), n int)",
                "INSERT INTO public.widening VALUES (1, 'abc', 1)");
        String table = "widening";
        io.millrace.connector.api.TargetDialect dialect = POSTGRES.target().orElseThrow();
        LandingTaskRunner landing = landing("widening", "wd_landing", dialect, settings("target"), table);
        StorageTaskRunner storage = new StorageTaskRunner(
                "widening-store",
                () -> new StorageJob(
                        "widening-store",
                        "wd",
                        "postgres",
                        dialect,
                        settings("target"),
                        List.of(described(table)),
                        true,
                        java.util.Optional.empty(),
                        Duration.ofDays(7)),
                false);
        List<Thread> threads = List.of(new Thread(landing), new Thread(storage));
        threads.forEach(Thread::start);
        try (Connection target = postgres.getDatabase("postgres", "target").getConnection()) {
            waitFor(landing, status -> status.state() == TaskState.CDC);
            waitFor(storage, status -> status.state() == TaskState.RUNNING);

            source(
                    "ALTER TABLE public.widening ALTER COLUMN name TYPE varchar(20), ALTER COLUMN n TYPE bigint",
                    "INSERT INTO public.widening VALUES (2, 'a much longer name', 9000000000)");

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<String> stored = List.of();
            while (System.nanoTime() < deadline && !stored.contains("2|a much longer name|9000000000")) {
                Thread.sleep(200);
                stored = rows(target, "SELECT id, name, n FROM wd_storage.widening ORDER BY id");
            }
            assertThat(stored).containsExactly("1|abc|1", "2|a much longer name|9000000000");
            assertThat(
                            rows(
                                    target,
                                    "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid ="
                                            + " 'wd_landing.widening__ct'::regclass AND attname IN ('name', 'n') ORDER BY attname"))
                    .containsExactly("bigint", "character varying(20)");
            assertThat(landing.status().state()).isEqualTo(TaskState.CDC);
            assertThat(storage.status().state()).isEqualTo(TaskState.RUNNING);
        } finally {
            landing.stop();
            storage.stop();
            for (Thread thread : threads) {
                thread.join(30_000);
            }
        }
    }

    @Test
    void aReloadedTableReplacesCurrentRowsThatDifferAndKeepsTheVersionsOfTheOthers() throws Exception {
        source(
                "CREATE TABLE public.reloaded (id int PRIMARY KEY, v text)",
                "INSERT INTO public.reloaded VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        Pipeline pipeline = new Pipeline(
                "rl", settings("postgres"), settings("target"), Duration.ofMinutes(1), Duration.ZERO, "reloaded");
        try (Connection target = postgres.getDatabase("postgres", "target").getConnection()) {
            pipeline.awaitStored(target, "SELECT id, v FROM rl_storage.reloaded ORDER BY id", "1|a", "2|b", "3|c");
            String firstVersion = rows(target, "SELECT __from_ts FROM rl_storage.reloaded_history WHERE id = 1")
                    .get(0);
            // Storage drifted from the source (say, a table restored from a backup): a reload repairs it.
            try (Statement statement = target.createStatement()) {
                statement.execute("UPDATE rl_storage_internal.reloaded__current SET v = 'wrong' WHERE id = 2");
                statement.execute("DELETE FROM rl_storage_internal.reloaded__current WHERE id = 3");
            }
            pipeline.landing.reload("public", "reloaded");
            pipeline.awaitStored(target, "SELECT id, v FROM rl_storage.reloaded ORDER BY id", "1|a", "2|b", "3|c");
            source("UPDATE public.reloaded SET v = 'a2' WHERE id = 1");
            pipeline.awaitStored(target, "SELECT id, v FROM rl_storage.reloaded ORDER BY id", "1|a2", "2|b", "3|c");
            assertThat(rows(target, "SELECT COUNT(*) FROM rl_landing.reloaded__ct"))
                    .as("applied changes with a retention of 0 are removed")
                    .containsExactly("0");

            assertThat(rows(
                            target,
                            "SELECT id, v, __to_ts IS NULL FROM rl_storage.reloaded_history ORDER BY id, __from_ts"))
                    .containsExactly("1|a|f", "1|a2|t", "2|wrong|f", "2|b|t", "3|c|t");
            assertThat(rows(
                            target,
                            "SELECT __from_ts FROM rl_storage.reloaded_history WHERE id = 1 AND __to_ts IS NOT NULL"))
                    .as("the unchanged row kept its version from before the reload")
                    .containsExactly(firstVersion);

            // PostgreSQL keeps a view's columns: one the source drops stays in the views, holding NULL.
            source("ALTER TABLE public.reloaded ADD COLUMN w int", "INSERT INTO public.reloaded VALUES (4, 'd', 4)");
            pipeline.awaitStored(
                    target,
                    "SELECT id, v, w FROM rl_storage.reloaded ORDER BY id",
                    "1|a2|null",
                    "2|b|null",
                    "3|c|null",
                    "4|d|4");
            source("ALTER TABLE public.reloaded DROP COLUMN v", "INSERT INTO public.reloaded VALUES (5, 5)");
            pipeline.awaitStored(
                    target,
                    "SELECT id, v, w FROM rl_storage.reloaded_live ORDER BY id",
                    "1|a2|null",
                    "2|b|null",
                    "3|c|null",
                    "4|d|4",
                    "5|null|5");
            assertThat(pipeline.storage.status().state()).isEqualTo(TaskState.RUNNING);
        } finally {
            pipeline.stop();
        }
    }

    @Test
    void anIncompatibleTypeChangeStopsOnlyThatTableUntilItIsReloaded() throws Exception {
        source(
                "CREATE TABLE public.shifting (id int PRIMARY KEY, flag int, note varchar(30))",
                "CREATE TABLE public.steady (id int PRIMARY KEY, v text)",
                "INSERT INTO public.shifting VALUES (1, 1, 'first')",
                "INSERT INTO public.steady VALUES (1, 'a')");
        Pipeline pipeline = new Pipeline(
                "sh",
                settings("postgres"),
                settings("target"),
                Duration.ofSeconds(1),
                Duration.ofDays(7),
                "shifting",
                "steady");
        try (Connection target = postgres.getDatabase("postgres", "target").getConnection()) {
            pipeline.awaitStored(target, "SELECT id, flag, note FROM sh_storage.shifting ORDER BY id", "1|1|first");

            // Narrowed: the landing column keeps its wider type, which holds every new value.
            source(
                    "ALTER TABLE public.shifting ALTER COLUMN note TYPE varchar(10)",
                    "INSERT INTO public.shifting VALUES (2, 0, 'second')");
            pipeline.awaitStored(
                    target, "SELECT id, flag, note FROM sh_storage.shifting ORDER BY id", "1|1|first", "2|0|second");

            source(
                    "ALTER TABLE public.shifting ALTER COLUMN flag TYPE boolean USING flag <> 0",
                    "INSERT INTO public.shifting VALUES (3, true, 'third')",
                    "INSERT INTO public.steady VALUES (2, 'b')");
            pipeline.awaitStored(target, "SELECT id, v FROM sh_storage.steady ORDER BY id", "1|a", "2|b");
            TaskStatus stopped = waitFor(
                    pipeline.landing,
                    status -> status.tables().stream()
                            .anyMatch(table -> table.table().equals("shifting")
                                    && table.note().orElse("").startsWith("Stopped")));
            assertThat(stopped.state()).isEqualTo(TaskState.CDC);
            assertThat(note(stopped, "shifting"))
                    .hasValueSatisfying(note -> assertThat(note)
                            .contains("the type of column flag from integer to boolean")
                            .contains("reload the table"));
            assertThat(note(stopped, "steady")).isEmpty();
            assertThat(rows(target, "SELECT id FROM sh_landing.shifting__ct WHERE id = 3"))
                    .isEmpty();
            assertThat(rows(
                            target,
                            "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid ="
                                    + " 'sh_landing.shifting__ct'::regclass AND attname = 'note'"))
                    .containsExactly("character varying(30)");

            pipeline.landing.reload("public", "shifting");
            source("INSERT INTO public.shifting VALUES (4, false, 'fourth')");
            pipeline.awaitStored(
                    target,
                    "SELECT id, flag, note FROM sh_storage.shifting ORDER BY id",
                    "1|t|first",
                    "2|f|second",
                    "3|t|third",
                    "4|f|fourth");
            assertThat(note(pipeline.landing.status(), "shifting")).isEmpty();
            assertThat(note(pipeline.storage.status(), "shifting"))
                    .hasValueSatisfying(note -> assertThat(note).contains("shifting__prior_before_"));
            assertThat(rows(
                            target,
                            "SELECT table_name FROM information_schema.tables WHERE table_schema ="
                                    + " 'sh_storage_internal' AND table_name LIKE 'shifting__current_before_%'"))
                    .hasSize(1);
            assertThat(pipeline.landing.status().state()).isEqualTo(TaskState.CDC);
            assertThat(pipeline.storage.status().state()).isEqualTo(TaskState.RUNNING);
        } finally {
            pipeline.stop();
        }
    }

    @Test
    void verificationFindsWhatDiffersAndNotTheChangesInFlight() throws Exception {
        source(
                "CREATE TABLE public.checked (id int PRIMARY KEY, v text, amount numeric(10,2), doc json)",
                "INSERT INTO public.checked SELECT i, 'row ' || i, i / 7.0, json_build_object('i', i)"
                        + " FROM generate_series(1, 3000) i",
                "ANALYZE public.checked");
        Pipeline pipeline = new Pipeline(
                "vf", settings("postgres"), settings("target"), Duration.ofMinutes(1), Duration.ofDays(7), "checked");
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread workload = new Thread(() -> {
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                for (int i = 0; writing.get(); i++) {
                    statement.execute(
                            "UPDATE public.checked SET v = 'changed " + i + "' WHERE id = " + (100 + i % 500));
                    Thread.sleep(5);
                }
            } catch (SQLException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try (Connection target = postgres.getDatabase("postgres", "target").getConnection()) {
            pipeline.awaitStored(target, "SELECT COUNT(*) FROM vf_storage.checked", "3000");
            workload.start();
            io.millrace.engine.Verification whileWriting = pipeline.verify();
            writing.set(false);
            workload.join();
            assertThat(whileWriting.state()).isEqualTo("finished");
            assertThat(whileWriting.tables()).singleElement().satisfies(table -> {
                assertThat(table.outcome()).as(table.toString()).isEqualTo("equal");
                assertThat(table.sourceRows()).isEqualTo(3000);
                assertThat(table.targetRows()).isEqualTo(3000);
            });

            try (Statement statement = target.createStatement()) {
                statement.execute("UPDATE vf_storage_internal.checked__current SET v = 'corrupt' WHERE id = 5");
                statement.execute("DELETE FROM vf_storage_internal.checked__current WHERE id = 6");
                statement.execute("INSERT INTO vf_storage_internal.checked__current (id, v, __from_ts, __op, __seq)"
                        + " VALUES (99999, 'extra', now(), 'I', 0)");
            }
            io.millrace.engine.Verification corrupted = pipeline.verify();
            assertThat(corrupted.tables()).singleElement().satisfies(table -> {
                assertThat(table.outcome()).isEqualTo("differing");
                assertThat(table.rounds()).isEqualTo(VerificationRun.ROUNDS);
                assertThat(List.of(table.missing(), table.extra(), table.different()))
                        .containsExactly(1L, 1L, 1L);
                assertThat(table.samples())
                        .extracting(difference -> difference.kind() + " " + difference.key() + " "
                                + difference.source().get("v") + " "
                                + difference.target().get("v"))
                        .containsExactlyInAnyOrder(
                                "missing {id=6} row 6 null",
                                "extra {id=99999} null extra",
                                "different {id=5} row 5 corrupt");
            });
            // The comparison's scratch table is gone.
            assertThat(rows(target, "SELECT to_regclass('vf_storage_internal.checked__verify') IS NULL"))
                    .containsExactly("t");
        } finally {
            writing.set(false);
            pipeline.stop();
        }
    }

    @Test
    void tablesOfSixtyCharacterNamesThatDifferAtTheEndAreStoredApartOnPostgres() throws Exception {
        // PostgreSQL would cut both tables' T__current (70 bytes) to the same 63.
        String first = "event_log_" + "x".repeat(49) + "1";
        String second = "event_log_" + "x".repeat(49) + "2";
        source(
                "CREATE TABLE public." + first + " (id int PRIMARY KEY, v text)",
                "CREATE TABLE public." + second + " (id int PRIMARY KEY, v text)",
                "INSERT INTO public." + first + " VALUES (1, 'first')",
                "INSERT INTO public." + second + " VALUES (1, 'second'), (2, 'second')");
        Pipeline pipeline = new Pipeline(
                "ln",
                settings("postgres"),
                settings("target"),
                Duration.ofMinutes(1),
                Duration.ofDays(7),
                first,
                second);
        TargetDialect dialect = POSTGRES.target().orElseThrow();
        try (Connection target = postgres.getDatabase("postgres", "target").getConnection()) {
            pipeline.awaitStored(target, "SELECT v FROM ln_storage.\"" + first + "\"", "first");
            pipeline.awaitStored(target, "SELECT COUNT(*) FROM ln_storage.\"" + second + "\"", "2");
            source("UPDATE public." + first + " SET v = 'changed' WHERE id = 1");
            pipeline.awaitStored(target, "SELECT v FROM ln_storage.\"" + first + "\"", "changed");

            String current = TargetNames.derived(dialect, first, StorageLayout.CURRENT_SUFFIX);
            assertThat(current).isNotEqualTo(TargetNames.derived(dialect, second, StorageLayout.CURRENT_SUFFIX));
            assertThat(rows(target, "SELECT v FROM ln_storage_internal.\"" + current + "\""))
                    .containsExactly("changed");
            assertThat(rows(
                            target,
                            "SELECT v FROM ln_storage.\"" + TargetNames.derived(dialect, first, "_history")
                                    + "\" ORDER BY __seq"))
                    .containsExactly("first", "changed");
            assertThat(rows(
                            target,
                            "SELECT COUNT(*) FROM ln_storage.\"" + TargetNames.derived(dialect, second, "_live")
                                    + "\""))
                    .containsExactly("2");
            // Current, prior and batch tables of each: cut short by PostgreSQL, they would be three.
            assertThat(rows(
                            target,
                            "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'ln_storage_internal'"
                                    + " AND tablename LIKE 'event!_log!_%' ESCAPE '!'"))
                    .containsExactly("6");
            assertThat(pipeline.verify().tables())
                    .extracting(io.millrace.engine.Verification.TableVerification::outcome)
                    .containsExactly("equal", "equal");

            // Tables of an earlier version, under the names PostgreSQL cut to 63 bytes, are taken on.
            pipeline.stop();
            List<String> cut = new java.util.ArrayList<>();
            try (Statement statement = target.createStatement()) {
                for (String suffix : List.of("__current", "__prior", "__batch", "__ct")) {
                    String schema = suffix.equals("__ct") ? "ln_landing" : "ln_storage_internal";
                    String shortened = TargetNames.derived(dialect, first, suffix);
                    cut.add((first + suffix).substring(0, 63));
                    statement.execute("ALTER TABLE " + schema + ".\"" + shortened + "\" RENAME TO \""
                            + (first + suffix).substring(0, 63) + "\"");
                }
            }
            pipeline = new Pipeline(
                    "ln",
                    settings("postgres"),
                    settings("target"),
                    Duration.ofMinutes(1),
                    Duration.ofDays(7),
                    first,
                    second);
            source("UPDATE public." + first + " SET v = 'again' WHERE id = 1");
            pipeline.awaitStored(target, "SELECT v FROM ln_storage.\"" + first + "\"", "again");
            assertThat(rows(
                            target,
                            "SELECT COUNT(*) FROM ln_storage.\"" + TargetNames.derived(dialect, first, "_history")
                                    + "\""))
                    .containsExactly("3");
            assertThat(rows(
                            target,
                            "SELECT COUNT(*) FROM pg_tables WHERE tablename IN ('" + String.join("', '", cut) + "')"))
                    .containsExactly("0");
        } finally {
            pipeline.stop();
        }
    }

    @Test
    void aKeyOfVarcharColumnsBeyondInnoDbsIndexLimitIsStoredOnMariaDb() throws Exception {
        // Three VARCHAR(700) key columns: 8400 bytes in utf8mb4, where InnoDB indexes 3072 at most.
        source(
                "CREATE TABLE public.wide_keys (a varchar(700), b varchar(700), c varchar(700), v int,"
                        + " PRIMARY KEY (a, b, c))",
                "INSERT INTO public.wide_keys VALUES (repeat('a', 700), repeat('b', 700), 'x', 1),"
                        + " (repeat('a', 700), repeat('b', 700), 'y', 2)");
        TableDescription description = described("wide_keys");
        TargetDialect dialect = MARIADB.target().orElseThrow();
        ConnectionSettings targetSettings = mariaDb().settings("admin", "admin-password");
        LandingTaskRunner runner = new LandingTaskRunner(new LandingJob(
                "wide",
                "millrace_wide",
                "wk_landing",
                "postgres",
                POSTGRES.source().orElseThrow(),
                settings("postgres"),
                dialect,
                targetSettings,
                List.of(description),
                true,
                1,
                1000));
        Thread thread = started(runner);
        try (Connection target = dialect.open(targetSettings)) {
            waitFor(runner, status -> status.state() == TaskState.CDC);
            StorageLayout layout = new StorageLayout(dialect, "wk", "postgres");
            layout.create(target, description);
            StorageApply apply = new StorageApply(layout);
            assertThat(apply.apply(target, description, true, changes -> {})).isTrue();
            source(
                    "UPDATE public.wide_keys SET v = 20 WHERE c = 'y'",
                    "INSERT INTO public.wide_keys VALUES (repeat('a', 700), repeat('b', 699) || 'c', 'x', 3)");
            waitFor(runner, status -> status.changesLanded() >= 2);
            apply.apply(target, description, true, changes -> {});

            assertThat(rows(target, "SELECT CONCAT_WS('|', LENGTH(b), c, v) FROM wk_storage.wide_keys ORDER BY b, c"))
                    .containsExactly("700|x|1", "700|y|20", "700|x|3");
            // The current table still holds one row per key: a second row of a key is refused.
            assertThatThrownBy(() -> {
                        try (Statement statement = target.createStatement()) {
                            statement.execute("INSERT INTO wk_storage_internal.wide_keys__current (a, b, c, v, __op,"
                                    + " __seq) VALUES (REPEAT('a', 700), REPEAT('b', 700), 'x', 9, 'I', 0)");
                        }
                    })
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("Duplicate");
        } finally {
            runner.stop();
            thread.join(30_000);
        }
    }

    private static java.util.Optional<String> note(TaskStatus status, String table) {
        return status.tables().stream()
                .filter(candidate -> candidate.table().equals(table))
                .findFirst()
                .orElseThrow()
                .note();
    }

    private static List<String> asOf(Connection target, String project, String view, OffsetDateTime moment)
            throws SQLException {
        try (PreparedStatement query =
                target.prepareStatement("SELECT " + COLUMNS + " FROM \"" + project + "_storage\".\"" + view
                        + "\" WHERE \"__from_ts\" <= ? AND (\"__to_ts\" > ? OR \"__to_ts\" IS NULL) ORDER BY \"id\"")) {
            query.setObject(1, moment);
            query.setObject(2, moment);
            try (ResultSet result = query.executeQuery()) {
                return collect(result);
            }
        }
    }

    private static TestMariaDb mariaDb() throws Exception {
        if (mariaDb == null) {
            mariaDb = TestMariaDb.start(false);
        }
        return mariaDb;
    }

    private static OffsetDateTime sourceNow() throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet now = statement.executeQuery("SELECT clock_timestamp()")) {
            now.next();
            return now.getObject(1, OffsetDateTime.class);
        }
    }

    private static List<String> sourceRows(String qualified) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            return rows(connection, "SELECT " + COLUMNS + " FROM " + qualified + " ORDER BY id");
        }
    }

    /** An in-memory H2 database, kept until the test JVM ends. */
    private static ConnectionSettings h2(String database) {
        return new ConnectionSettings(
                Map.of("url", "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1", "user", "sa"), Map.of());
    }

    /** The task running in a thread of its own, which does not keep the JVM alive. */
    private static Thread started(TaskRun runner) {
        Thread thread = new Thread(runner);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The source table as PostgreSQL's catalog describes it now. */
    private static TableDescription described(String table) {
        return POSTGRES.catalog().orElseThrow().tables(settings("postgres")).stream()
                .filter(candidate -> candidate.name().equals(table))
                .findFirst()
                .orElseThrow();
    }

    /** A full-load+cdc task of one source table, described anew at each attempt as the engine does. */
    private static LandingTaskRunner landing(
            String taskId,
            String landingSchema,
            io.millrace.connector.api.TargetDialect dialect,
            ConnectionSettings target,
            String table) {
        return new LandingTaskRunner(
                taskId,
                () -> new LandingJob(
                        taskId,
                        "millrace_" + taskId,
                        landingSchema,
                        "postgres",
                        POSTGRES.source().orElseThrow(),
                        settings("postgres"),
                        dialect,
                        target,
                        List.of(described(table)),
                        true,
                        1,
                        1000),
                Duration.ofMinutes(1));
    }

    private static ConnectionSettings settings(String database) {
        return new ConnectionSettings(
                Map.of(
                        "host",
                        "localhost",
                        "port",
                        String.valueOf(postgres.getPort()),
                        "database",
                        database,
                        "user",
                        "postgres",
                        "sslmode",
                        "disable"),
                Map.of());
    }

    private static void source(String... statements) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
