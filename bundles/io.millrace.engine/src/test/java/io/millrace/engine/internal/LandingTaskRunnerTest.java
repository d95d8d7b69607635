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
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Landing tasks from a real PostgreSQL into H2 and into PostgreSQL: full load, the handoff to the
 * stream under concurrent writes, ordering, types, and stop/start without loss or duplicates.
 */
class LandingTaskRunnerTest {
    private static EmbeddedPostgres postgres;
    private static final ConnectorProvider POSTGRES = new PostgresConnectorProvider();
    private static final ConnectorProvider H2 = new H2ConnectorProvider();
    private static final AtomicInteger TASKS = new AtomicInteger();

    private final List<LandingTaskRunner> runners = new ArrayList<>();
    private String h2Url;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .start();
        source("CREATE DATABASE target");
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @AfterEach
    void stopRunners() throws Exception {
        for (LandingTaskRunner runner : runners) {
            runner.stop();
        }
        for (LandingTaskRunner runner : runners) {
            waitFor(runner, status -> status.state() == TaskState.STOPPED || status.state() == TaskState.FAILED);
        }
    }

    @Test
    void tablesLoadAndThenEveryChangeLandsInOrder() throws Exception {
        source(
                "CREATE TABLE public.orders (id int PRIMARY KEY, item text, qty int)",
                "INSERT INTO public.orders SELECT i, 'item ' || i, i % 5 FROM generate_series(1, 3000) i",
                "CREATE TABLE public.events (at timestamptz, what text)",
                "INSERT INTO public.events SELECT now(), 'e' || i FROM generate_series(1, 10) i",
                "ANALYZE public.orders");
        LandingTaskRunner runner = start(job("orders_events", h2Target(), true, List.of("orders", "events")));
        waitFor(runner, status -> status.state() == TaskState.CDC);

        source(
                "INSERT INTO public.orders VALUES (3001, 'new', 1)",
                "UPDATE public.orders SET qty = 42 WHERE id = 7",
                "DELETE FROM public.orders WHERE id = 8",
                "BEGIN; UPDATE public.orders SET id = 9001 WHERE id = 9; INSERT INTO public.events VALUES (now(), 'x'); COMMIT",
                "UPDATE public.events SET what = 'y' WHERE what = 'e1'",
                "TRUNCATE public.events");
        TaskStatus status = waitFor(runner, s -> s.changesLanded() >= 9);

        try (Connection target = h2()) {
            assertThat(count(target, "orders_events_landing", "orders")).isEqualTo(3000);
            assertThat(count(target, "orders_events_landing", "events")).isEqualTo(10);
            assertThat(
                            rows(
                                    target,
                                    "SELECT \"__op\", \"id\", \"qty\" FROM \"orders_events_landing\".\"orders__ct\" ORDER BY \"__seq\""))
                    .containsExactly("I|3001|1", "U|7|42", "D|8|null", "D|9|null", "I|9001|4");
            assertThat(
                            rows(
                                    target,
                                    "SELECT \"__op\", \"what\" FROM \"orders_events_landing\".\"events__ct\" ORDER BY \"__seq\""))
                    // Without a key, an update lands as the old row's delete and the new row's insert.
                    .containsExactly("I|x", "D|e1", "I|y", "T|null");
            assertThat(
                            rows(
                                    target,
                                    "SELECT \"__seq\" FROM \"orders_events_landing\".\"orders__ct\" UNION ALL SELECT \"__seq\" FROM \"orders_events_landing\".\"events__ct\" ORDER BY 1"))
                    .containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");
            assertThat(rows(
                            target,
                            "SELECT \"position\", \"last_seq\" FROM \"orders_events_landing\".\"__millrace_state\""))
                    .containsExactly(status.position().orElseThrow() + "|9");
        }
        assertThat(status.tables()).extracting(table -> table.rowsLoaded()).containsExactly(10L, 3000L);
        assertThat(status.tables().get(0).note())
                .hasValueSatisfying(note -> assertThat(note).contains("no primary key"));
        assertThat(status.latencyMillis()).isPresent();
    }

    @Test
    void rowsWrittenDuringTheFullLoadLandExactlyOnce() throws Exception {
        source(
                "CREATE TABLE public.busy (id int PRIMARY KEY, note text)",
                "INSERT INTO public.busy SELECT i, 'loaded' FROM generate_series(1, 50000) i",
                "ANALYZE public.busy");
        AtomicInteger next = new AtomicInteger(50001);
        Thread writer = new Thread(() -> {
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                for (int i = 0; i < 200; i++) {
                    int id = next.getAndIncrement();
                    statement.execute("INSERT INTO public.busy VALUES (" + id + ", 'during')");
                    statement.execute("UPDATE public.busy SET note = 'touched' WHERE id = " + (id - 50000));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        LandingTaskRunner runner = start(job("busy", h2Target(), true, List.of("busy"), 4, 5000));
        writer.start();
        writer.join();
        int written = next.get() - 1;
        waitFor(runner, status -> status.state() == TaskState.CDC && status.changesLanded() >= 0);
        try (Connection target = h2()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            Set<String> ids = new HashSet<>();
            while (System.nanoTime() < deadline) {
                ids = landedIds(target);
                if (ids.size() == written) {
                    break;
                }
                Thread.sleep(100);
            }
            List<String> all = new ArrayList<>(rows(target, "SELECT \"id\" FROM \"busy_landing\".\"busy\""));
            all.addAll(rows(target, "SELECT \"id\" FROM \"busy_landing\".\"busy__ct\" WHERE \"__op\" = 'I'"));
            assertThat(all).hasSize(written).doesNotHaveDuplicates();
            assertThat(runner.status().tables().get(0).ranges()).isGreaterThan(5);
        }
    }

    @Test
    void aStoppedTaskResumesWhereItStoppedWithoutLossOrDuplicates() throws Exception {
        source("CREATE TABLE public.resumed (id int PRIMARY KEY)");
        LandingJob job = job("resumed", h2Target(), true, List.of("resumed"));
        LandingTaskRunner first = start(job);
        waitFor(first, status -> status.state() == TaskState.CDC);
        source("INSERT INTO public.resumed SELECT generate_series(1, 100)");
        waitFor(first, status -> status.changesLanded() >= 100);
        first.stop();
        waitFor(first, status -> status.state() == TaskState.STOPPED);

        source("INSERT INTO public.resumed SELECT generate_series(101, 150)");
        LandingTaskRunner second = start(job);
        waitFor(second, status -> status.changesLanded() >= 50);
        source("INSERT INTO public.resumed SELECT generate_series(151, 160)");
        waitFor(second, status -> status.changesLanded() >= 60);

        try (Connection target = h2()) {
            List<String> seqs = rows(
                    target,
                    "SELECT \"__seq\" || '=' || \"id\" FROM \"resumed_landing\".\"resumed__ct\" ORDER BY \"__seq\"");
            assertThat(seqs).hasSize(160);
            for (int i = 0; i < 160; i++) {
                assertThat(seqs.get(i)).isEqualTo((i + 1) + "=" + (i + 1));
            }
        }
    }

    @Test
    void everyTypeLandsEqualInPostgresql() throws Exception {
        source("CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')", """
                CREATE TABLE public."Every Type ä" (
                  id int PRIMARY KEY, n numeric, n2 numeric(40,10), r real, d double precision, flag boolean,
                  t text, bin bytea, day date, ts timestamp, tstz timestamptz, tm time, tmtz timetz, span interval,
                  u uuid, j jsonb, ints int[], m mood, cash money, bits bit(4), ip inet, doc tsvector, nums int4range,
                  "MixedCase" text)""");
        String values = "(%d, 'NaN', 123456789012345678901234567890.0123456789, 'Infinity', '-Infinity', true,"
                + " E'tab\\there\\nline \\\\ back \u00e9', '\\x00ff10', '0044-03-15 BC', 'infinity',"
                + " '1969-07-20 20:17:40.123456+00', '24:00:00', '13:45:00.5-03:30', '1 year 2 mons -3 days 04:05:06.5',"
                + " 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": [1, null]}', '{1,NULL,3}', 'happy', 12.34, B'1010',"
                + " '192.168.0.1/24', 'fat cat:2', '[1,5)', NULL)";
        source("INSERT INTO public.\"Every Type ä\" VALUES " + values.formatted(1));
        LandingTaskRunner runner = start(job("types", postgresTarget(), true, List.of("Every Type ä")));
        waitFor(runner, status -> status.state() == TaskState.CDC);
        source("INSERT INTO public.\"Every Type ä\" VALUES " + values.formatted(2));
        waitFor(runner, status -> status.changesLanded() >= 1);

        String columns = "n::text, n2::text, r::text, d::text, flag::text, t, bin::text, day::text, ts::text,"
                + " tstz::text, tm::text, tmtz::text, span::text, u::text, j::text, ints::text, m::text, cash::text,"
                + " bits::text, ip::text, doc::text, nums::text, \"MixedCase\"";
        List<String> expected = rows(
                postgres.getPostgresDatabase().getConnection(),
                "SELECT " + columns + " FROM public.\"Every Type ä\" ORDER BY id");
        try (Connection target = postgres.getDatabase("postgres", "target").getConnection()) {
            assertThat(rows(target, "SELECT " + columns + " FROM types_landing.\"Every Type ä\""))
                    .containsExactly(expected.get(0));
            assertThat(rows(target, "SELECT " + columns + " FROM types_landing.\"Every Type ä__ct\""))
                    .containsExactly(expected.get(1));
            assertThat(
                            rows(
                                    target,
                                    "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid ="
                                            + " 'types_landing.\"Every Type ä\"'::regclass AND attname IN ('ints', 'ip', 'nums', 'm') ORDER BY attname"))
                    .containsExactly("integer[]", "inet", "text", "int4range");
        }
    }

    @Test
    void everyTypeLandsByValueInH2AndUnchangedToastedValuesAreMarked() throws Exception {
        source(
                "CREATE TYPE h2_mood AS ENUM ('sad', 'happy')",
                "CREATE DOMAIN h2_positive AS int CHECK (VALUE > 0)",
                """
                CREATE TABLE public.h2_types (
                  id int PRIMARY KEY, s smallint, b bigint, n numeric, n2 numeric(40,10), r real, d double precision,
                  flag boolean, v varchar(10), c char(3), bin bytea, day date, ts timestamp, tstz timestamptz,
                  tm time, tmtz timetz, span interval, u uuid, j json, ints int[], m h2_mood, p h2_positive,
                  ip inet, nums int4range, big text)""",
                "INSERT INTO public.h2_types VALUES (1, -32768, 9223372036854775807, 'NaN',"
                        + " 123456789012345678901234567890.0123456789, 'Infinity', -0.5, true, 'ünï', 'ab', '\\x00ff',"
                        + " '0044-03-15 BC', '1969-07-20 20:17:40.123456', '1969-07-20 20:17:40.123456+02', '13:45:00.5',"
                        + " '13:45:00-03:30', '1 year -3 days 04:05:06', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',"
                        + " '{\"a\": [1, null]}', '{1,NULL,3}', 'happy', 7, '10.0.0.1/8', '[1,5)',"
                        + " (SELECT string_agg(md5(i::text), '') FROM generate_series(1, 2000) i))");
        LandingTaskRunner runner = start(job("h2types", h2Target(), true, List.of("h2_types")));
        waitFor(runner, status -> status.state() == TaskState.CDC);
        source("UPDATE public.h2_types SET s = 1 WHERE id = 1");
        waitFor(runner, status -> status.changesLanded() >= 1);

        try (Connection target = h2();
                Statement statement = target.createStatement();
                ResultSet row = statement.executeQuery("SELECT * FROM \"h2types_landing\".\"h2_types\"")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getShort("s")).isEqualTo((short) -32768);
            assertThat(row.getLong("b")).isEqualTo(Long.MAX_VALUE);
            assertThat(row.getString("n")).isEqualTo("NaN");
            assertThat(row.getBigDecimal("n2")).isEqualByComparingTo("123456789012345678901234567890.0123456789");
            assertThat(row.getFloat("r")).isEqualTo(Float.POSITIVE_INFINITY);
            assertThat(row.getDouble("d")).isEqualTo(-0.5);
            assertThat(row.getBoolean("flag")).isTrue();
            assertThat(row.getString("v")).isEqualTo("ünï");
            assertThat(row.getString("c")).isEqualTo("ab ");
            assertThat(row.getBytes("bin")).containsExactly(0x00, 0xff);
            assertThat(row.getObject("day", java.time.LocalDate.class)).isEqualTo(java.time.LocalDate.of(-43, 3, 15));
            assertThat(row.getObject("ts", java.time.LocalDateTime.class))
                    .isEqualTo(java.time.LocalDateTime.parse("1969-07-20T20:17:40.123456"));
            assertThat(row.getObject("tstz", java.time.OffsetDateTime.class).toInstant())
                    .isEqualTo(java.time.Instant.parse("1969-07-20T18:17:40.123456Z"));
            assertThat(row.getObject("tm", java.time.LocalTime.class))
                    .isEqualTo(java.time.LocalTime.parse("13:45:00.5"));
            assertThat(row.getObject("tmtz", java.time.OffsetTime.class))
                    .isEqualTo(java.time.OffsetTime.parse("13:45:00-03:30"));
            assertThat(row.getString("span")).isEqualTo("P1Y-3DT4H5M6S");
            assertThat(row.getObject("u")).isEqualTo(java.util.UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"));
            assertThat(new String(row.getBytes("j"), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("{\"a\":[1,null]}");
            assertThat(row.getString("ints")).isEqualTo("{1,NULL,3}");
            assertThat(row.getString("m")).isEqualTo("happy");
            assertThat(row.getInt("p")).isEqualTo(7);
            assertThat(row.getString("ip")).isEqualTo("10.0.0.1/8");
            assertThat(row.getString("nums")).isEqualTo("[1,5)");
            assertThat(row.getString("big")).hasSize(64_000);
        }
        try (Connection target = h2()) {
            assertThat(
                            rows(
                                    target,
                                    "SELECT \"__op\", \"s\", \"big\", \"__unchanged\" FROM \"h2types_landing\".\"h2_types__ct\""))
                    .containsExactly("U|1|null|[\"big\"]");
        }
    }

    @Test
    void aTableDroppedWhileReplicatingIsNamedInTheStatusAndTheOthersGoOn() throws Exception {
        source("CREATE TABLE public.doomed (id int PRIMARY KEY)", "CREATE TABLE public.survivor (id int PRIMARY KEY)");
        LandingJob first = job("dropping", h2Target(), true, List.of("doomed", "survivor"));
        LandingTaskRunner runner = new LandingTaskRunner(
                first.taskId(),
                () -> new LandingJob(
                        first.taskId(),
                        first.captureName(),
                        first.landingSchema(),
                        first.sourceConnector(),
                        first.source(),
                        first.sourceSettings(),
                        first.target(),
                        first.targetSettings(),
                        POSTGRES.catalog().orElseThrow().tables(sourceSettings()).stream()
                                .filter(table -> List.of("doomed", "survivor").contains(table.name()))
                                .toList(),
                        true,
                        2,
                        1000),
                Duration.ofMillis(200));
        runners.add(runner);
        Thread thread = new Thread(runner, "test-dropping");
        thread.setDaemon(true);
        thread.start();
        waitFor(runner, status -> status.state() == TaskState.CDC);

        source("DROP TABLE public.doomed", "INSERT INTO public.survivor VALUES (1)");

        TaskStatus status = waitFor(
                runner,
                s -> s.changesLanded() >= 1
                        && s.tables()
                                .get(0)
                                .note()
                                .filter(note -> note.contains("no longer in the source"))
                                .isPresent());
        assertThat(status.state()).isEqualTo(TaskState.CDC);
        assertThat(status.tables().get(1).note()).isEmpty();
    }

    @Test
    void aCaptureThatKeepsTooMuchOfTheSourcesLogIsDroppedAndTheTaskSaysWhy() throws Exception {
        source("CREATE TABLE public.chatty (id int PRIMARY KEY, v text)");
        LandingJob job = job("retention", h2Target(), true, List.of("chatty"));
        // The check looks every 200 ms; any WAL at all is over a limit of one byte.
        LandingTaskRunner runner = new LandingTaskRunner(job.taskId(), () -> job, Duration.ofMillis(200), 1);
        runners.add(runner);
        Thread thread = new Thread(runner, "test-retention");
        thread.setDaemon(true);
        thread.start();
        source("INSERT INTO public.chatty SELECT i, repeat('x', 1000) FROM generate_series(1, 1000) i");

        TaskStatus failed = waitFor(runner, status -> status.state() == TaskState.FAILED);
        assertThat(failed.lastError())
                .hasValueSatisfying(error -> assertThat(error)
                        .contains("more than the limit of 0 MB", "maxRetainedWalMegabytes", "dropped the slot"));
        assertThat(POSTGRES.source()
                        .orElseThrow()
                        .changeCapture()
                        .orElseThrow()
                        .exists(sourceSettings(), job.captureName()))
                .as("the slot is gone, so the source's log is free")
                .isFalse();
    }

    @Test
    void aSourceWithoutLogicalReplicationFailsTheTaskSayingWhatToChange() throws Exception {
        try (EmbeddedPostgres plain = EmbeddedPostgres.builder().start()) {
            try (Connection connection = plain.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE public.plain (id int PRIMARY KEY)");
            }
            ConnectionSettings settings = postgresSettings(plain.getPort(), "postgres", "postgres", Map.of());
            LandingJob job = new LandingJob(
                    "plain",
                    "millrace_plain",
                    "plain_landing",
                    "postgres",
                    POSTGRES.source().orElseThrow(),
                    settings,
                    H2.target().orElseThrow(),
                    h2Target().settings(),
                    POSTGRES.catalog().orElseThrow().tables(settings),
                    true,
                    1,
                    1000);

            LandingTaskRunner runner = start(job);

            TaskStatus status = waitFor(runner, s -> s.state() == TaskState.FAILED);
            assertThat(status.lastError())
                    .hasValueSatisfying(error -> assertThat(error).contains("wal_level"));
        }
    }

    @Test
    void aTargetThatRefusesWritesFailsTheTaskWithTheReason() throws Exception {
        source("CREATE TABLE IF NOT EXISTS public.refused (id int PRIMARY KEY)");
        try (Connection connection = postgres.getDatabase("postgres", "target").getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE ROLE reader LOGIN PASSWORD 'reader'");
            statement.execute("REVOKE CREATE ON DATABASE target FROM PUBLIC");
        }
        Target readOnly = new Target(
                POSTGRES, postgresSettings(postgres.getPort(), "target", "reader", Map.of("password", "reader")));

        LandingTaskRunner runner = start(job("refused", readOnly, false, List.of("refused")));

        TaskStatus status = waitFor(runner, s -> s.state() == TaskState.FAILED);
        assertThat(status.lastError())
                .hasValueSatisfying(error -> assertThat(error).contains("permission denied"));
    }

    @Test
    void tablesThatStartToMatchTheSelectionAreTakenOnWhileChangesLand() throws Exception {
        source("CREATE TABLE public.onb_a (id int PRIMARY KEY)", "INSERT INTO public.onb_a VALUES (1)");
        LandingJob first = job("onboarding", h2Target(), true, List.of("onb_a"));
        LandingTaskRunner runner = new LandingTaskRunner(
                first.taskId(),
                () -> new LandingJob(
                        first.taskId(),
                        first.captureName(),
                        first.landingSchema(),
                        first.sourceConnector(),
                        first.source(),
                        first.sourceSettings(),
                        first.target(),
                        first.targetSettings(),
                        POSTGRES.catalog().orElseThrow().tables(sourceSettings()).stream()
                                .filter(table -> table.name().startsWith("onb_"))
                                .toList(),
                        true,
                        2,
                        1000),
                Duration.ofMillis(200));
        runners.add(runner);
        Thread thread = new Thread(runner, "test-onboarding");
        thread.setDaemon(true);
        thread.start();
        waitFor(runner, status -> status.state() == TaskState.CDC);

        source(
                "CREATE TABLE public.onb_b (id int PRIMARY KEY, v text)",
                "INSERT INTO public.onb_b SELECT i, 'first' FROM generate_series(1, 100) i");
        waitFor(runner, status -> status.tables().size() == 2 && status.state() == TaskState.CDC);
        source(
                "INSERT INTO public.onb_b SELECT i, 'later' FROM generate_series(101, 150) i",
                "INSERT INTO public.onb_a VALUES (2)");
        waitFor(
                runner,
                status -> status.tables().get(1).changesLanded() >= 50
                        && status.tables().get(0).changesLanded() >= 1);

        try (Connection target = h2()) {
            Set<String> ids = new HashSet<>(rows(target, "SELECT \"id\" FROM \"onboarding_landing\".\"onb_b\""));
            ids.addAll(rows(target, "SELECT \"id\" FROM \"onboarding_landing\".\"onb_b__ct\" WHERE \"__op\" = 'I'"));
            assertThat(ids).hasSize(150);
            assertThat(rows(target, "SELECT \"id\" FROM \"onboarding_landing\".\"onb_a__ct\""))
                    .containsExactly("2");
        }
    }

    @Test
    void oddTableNamesLandUnderTheirOwnName() throws Exception {
        source(
                "CREATE TABLE public.\"x\"\"; drop table y; --\" (id int PRIMARY KEY, \"Ärger\" text)",
                "CREATE TABLE public.y (id int)",
                "INSERT INTO public.\"x\"\"; drop table y; --\" VALUES (1, 'ü')");
        LandingTaskRunner runner = start(job("odd", h2Target(), true, List.of("x\"; drop table y; --")));
        waitFor(runner, status -> status.state() == TaskState.CDC);

        try (Connection target = h2()) {
            assertThat(rows(target, "SELECT \"Ärger\" FROM \"odd_landing\".\"x\"\"; drop table y; --\""))
                    .containsExactly("ü");
        }
        assertThat(rows(postgres.getPostgresDatabase().getConnection(), "SELECT count(*) FROM public.y"))
                .containsExactly("0");
    }

    private LandingTaskRunner start(LandingJob job) {
        LandingTaskRunner runner = new LandingTaskRunner(job);
        runners.add(runner);
        Thread thread = new Thread(runner, "test-" + job.taskId());
        thread.setDaemon(true);
        thread.start();
        return runner;
    }

    private LandingJob job(String project, Target target, boolean cdc, List<String> tableNames) {
        return job(project, target, cdc, tableNames, 2, 1000);
    }

    private LandingJob job(
            String project, Target target, boolean cdc, List<String> tableNames, int parallelism, long rowsPerRange) {
        List<TableDescription> tables = POSTGRES.catalog().orElseThrow().tables(sourceSettings()).stream()
                .filter(table -> table.schema().equals("public") && tableNames.contains(table.name()))
                .toList();
        assertThat(tables).hasSize(tableNames.size());
        String task = "task" + TASKS.incrementAndGet();
        return new LandingJob(
                task,
                "millrace_" + task,
                project + "_landing",
                "postgres",
                POSTGRES.source().orElseThrow(),
                sourceSettings(),
                target.provider().target().orElseThrow(),
                target.settings(),
                tables,
                cdc,
                parallelism,
                rowsPerRange);
    }

    private record Target(ConnectorProvider provider, ConnectionSettings settings) {}

    private Target h2Target() {
        h2Url = "jdbc:h2:mem:landing" + TASKS.get() + "_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        return new Target(H2, new ConnectionSettings(Map.of("url", h2Url, "user", "sa"), Map.of()));
    }

    private static Target postgresTarget() {
        return new Target(POSTGRES, postgresSettings(postgres.getPort(), "target", "postgres", Map.of()));
    }

    private static ConnectionSettings postgresSettings(
            int port, String database, String user, Map<String, String> secrets) {
        return new ConnectionSettings(
                Map.of(
                        "host",
                        "localhost",
                        "port",
                        String.valueOf(port),
                        "database",
                        database,
                        "user",
                        user,
                        "sslmode",
                        "disable"),
                secrets);
    }

    private static ConnectionSettings sourceSettings() {
        return postgresSettings(postgres.getPort(), "postgres", "postgres", Map.of());
    }

    private Connection h2() throws SQLException {
        return DriverManager.getConnection(h2Url, "sa", "");
    }

    private static void source(String... statements) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static Set<String> landedIds(Connection target) throws SQLException {
        Set<String> ids = new HashSet<>(rows(target, "SELECT \"id\" FROM \"busy_landing\".\"busy\""));
        ids.addAll(rows(target, "SELECT \"id\" FROM \"busy_landing\".\"busy__ct\" WHERE \"__op\" = 'I'"));
        return ids;
    }

    private static long count(Connection target, String schema, String table) throws SQLException {
        return Long.parseLong(rows(target, "SELECT count(*) FROM \"" + schema + "\".\"" + table + "\"")
                .get(0));
    }
}
