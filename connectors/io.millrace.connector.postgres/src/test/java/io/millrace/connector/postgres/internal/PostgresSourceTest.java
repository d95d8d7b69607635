package io.millrace.connector.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.connector.api.CaptureStart;
import io.millrace.connector.api.ChangeCapture;
import io.millrace.connector.api.ChangeEvent;
import io.millrace.connector.api.ChangeEvent.Change;
import io.millrace.connector.api.ChangeEvent.Operation;
import io.millrace.connector.api.ChangeStream;
import io.millrace.connector.api.KeyRange;
import io.millrace.connector.api.SnapshotReader;
import io.millrace.connector.api.TableDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The PostgreSQL source through the SPI: key-range snapshots, the stream, and their handoff. */
class PostgresSourceTest {
    private static TestPostgres postgres;
    private final PostgresSource source = new PostgresSource();
    private final ChangeCapture capture = source.changeCapture().orElseThrow();

    @BeforeAll
    static void start() throws Exception {
        postgres = TestPostgres.startLogical();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void keyRangesCoverEveryRowExactlyOnce() throws Exception {
        postgres.execute(
                "CREATE TABLE public.ranged (region text, id int, note text, PRIMARY KEY (region, id))",
                "INSERT INTO public.ranged SELECT 'r' || (i % 7), i, 'n' || i FROM generate_series(1, 5000) i",
                "ANALYZE public.ranged");
        TableDescription table = table("ranged");

        List<KeyRange> ranges = source.split(postgres.settings(), table, 700);
        List<String> ids = new ArrayList<>();
        try (SnapshotReader reader = source.openSnapshot(postgres.settings(), Optional.empty())) {
            for (KeyRange range : ranges) {
                reader.read(table, range, row -> ids.add(row[1]));
            }
        }

        assertThat(ranges).hasSizeBetween(7, 9);
        assertThat(ids).hasSize(5000).doesNotHaveDuplicates();
    }

    @Test
    void keyRangesFollowTheKeysOrderNotItsTextsOrder() throws Exception {
        postgres.execute(
                "CREATE TABLE public.numbered (id int PRIMARY KEY)",
                "INSERT INTO public.numbered SELECT generate_series(1, 12000)",
                "ANALYZE public.numbered");
        TableDescription table = table("numbered");

        List<KeyRange> ranges = source.split(postgres.settings(), table, 1000);
        List<String> ids = new ArrayList<>();
        try (SnapshotReader reader = source.openSnapshot(postgres.settings(), Optional.empty())) {
            for (KeyRange range : ranges) {
                reader.read(table, range, row -> ids.add(row[0]));
            }
        }

        // From the planner's histogram: about 1000 rows each, in numeric order.
        assertThat(ranges).hasSizeBetween(10, 14);
        for (int i = 1; i < ranges.size() - 1; i++) {
            assertThat(Integer.parseInt(ranges.get(i).to().get(0)))
                    .isGreaterThan(Integer.parseInt(ranges.get(i).from().get(0)));
        }
        assertThat(ids).hasSize(12000).doesNotHaveDuplicates();
    }

    @Test
    void rowsWrittenDuringTheSnapshotArriveThroughTheStreamExactlyOnce() throws Exception {
        postgres.execute(
                "CREATE TABLE public.\"Handoff Rows\" (id int PRIMARY KEY, note text)",
                "INSERT INTO public.\"Handoff Rows\" SELECT i, 'before' FROM generate_series(1, 1000) i");
        TableDescription table = table("Handoff Rows");
        Set<String> fromSnapshot = new HashSet<>();
        String start;
        try (CaptureStart capture = this.capture.create(postgres.settings(), "millrace_handoff", List.of(table));
                SnapshotReader reader = source.openSnapshot(postgres.settings(), capture.snapshot())) {
            start = capture.position();
            postgres.execute(
                    "INSERT INTO public.\"Handoff Rows\" SELECT i, 'during' FROM generate_series(1001, 1500) i",
                    "UPDATE public.\"Handoff Rows\" SET note = 'updated' WHERE id <= 10");
            reader.read(
                    table,
                    KeyRange.ALL,
                    row -> assertThat(fromSnapshot.add(row[0])).isTrue());
        }
        postgres.execute("DELETE FROM public.\"Handoff Rows\" WHERE id = 1500");

        List<Change> changes = changes("millrace_handoff", start, read -> read.size() >= 511);

        assertThat(fromSnapshot).hasSize(1000);
        assertThat(changes).hasSize(511);
        assertThat(changes.stream()
                        .filter(c -> c.operation() == Operation.INSERT)
                        .map(c -> c.values()[0]))
                .hasSize(500)
                .doesNotHaveDuplicates()
                .allMatch(id -> Integer.parseInt(id) > 1000);
        assertThat(changes.get(500).operation()).isEqualTo(Operation.UPDATE);
        assertThat(changes.get(510).operation()).isEqualTo(Operation.DELETE);
        assertThat(changes.get(510).values()[0]).isEqualTo("1500");
        capture.drop(postgres.settings(), "millrace_handoff");
    }

    @Test
    void everyTypeReadsTheSameInTheSnapshotAndInTheStream() throws Exception {
        postgres.execute(
                "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy')",
                "CREATE DOMAIN positive AS int CHECK (VALUE > 0)",
                """
                CREATE TABLE public.every_type (
                  id int PRIMARY KEY, s smallint, b bigint, n numeric, n2 numeric(40,10), r real, d double precision,
                  flag boolean, t text, v varchar(10), c char(3), bin bytea, day date, ts timestamp, tstz timestamptz,
                  tm time, tmtz timetz, span interval, u uuid, j json, jb jsonb, ints int[], texts text[], m mood,
                  p positive, cash money, bits bit(4), vbits varbit, ip inet, net cidr, mac macaddr, doc tsvector,
                  nums int4range)""");
        String row = "(%d, -32768, 9223372036854775807, 'NaN', 123456789012345678901234567890.0123456789,"
                + " 'Infinity', '-Infinity', true, E'tab\\there\\nline \\\\ back', 'ünïcødé', 'ab', '\\x00ff10',"
                + " '0044-03-15 BC', 'infinity', '1969-07-20 20:17:40.123456+00', '24:00:00', '13:45:00.5-03:30',"
                + " '1 year 2 mons -3 days 04:05:06.5', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": [1, null]}',"
                + " '{\"b\": \"ä\"}', '{1,NULL,3}', '{\"a b\",NULL,\"c\\\"d\"}', 'happy', 7, 12.34, B'1010', B'101',"
                + " '192.168.0.1/24', '10.0.0.0/8', '08:00:2b:01:02:03', 'fat cat:2 rat', '[1,5)')";
        postgres.execute("INSERT INTO public.every_type VALUES " + row.formatted(1));
        TableDescription table = table("every_type");
        List<String[]> snapshot = new ArrayList<>();
        String start;
        try (CaptureStart capture = this.capture.create(postgres.settings(), "millrace_types", List.of(table));
                SnapshotReader reader = source.openSnapshot(postgres.settings(), capture.snapshot())) {
            start = capture.position();
            reader.read(table, KeyRange.ALL, snapshot::add);
        }
        postgres.execute("INSERT INTO public.every_type VALUES " + row.formatted(2));

        Change streamed =
                changes("millrace_types", start, read -> !read.isEmpty()).get(0);

        assertThat(snapshot).hasSize(1);
        String[] expected = snapshot.get(0).clone();
        expected[0] = "2";
        assertThat(streamed.values()).containsExactly(expected);
        assertThat(streamed.columns())
                .containsExactlyElementsOf(
                        table.columns().stream().map(c -> c.name()).toList());
        assertThat(Arrays.asList(snapshot.get(0)))
                .contains("NaN", "Infinity", "-Infinity", "infinity", "0044-03-15 BC", "24:00:00", "{1,NULL,3}")
                .contains("tab\there\nline \\ back", "\\x00ff10", "1969-07-20 20:17:40.123456+00", "t")
                .contains("P1Y2M-3DT4H5M6.5S", "13:45:00.5-03:30");
        capture.drop(postgres.settings(), "millrace_types");
    }

    @Test
    void updatesMarkUnchangedToastedValuesAndSplitKeyChanges() throws Exception {
        postgres.execute(
                "CREATE TABLE public.toasty (id int PRIMARY KEY, big text, small text)",
                "INSERT INTO public.toasty VALUES (1, (SELECT string_agg(md5(i::text), '') FROM generate_series(1, 2000) i), 'a')");
        TableDescription table = table("toasty");
        String start;
        try (CaptureStart capture = this.capture.create(postgres.settings(), "millrace_toast", List.of(table))) {
            start = capture.position();
        }
        postgres.execute(
                "UPDATE public.toasty SET small = 'b' WHERE id = 1",
                "UPDATE public.toasty SET id = 2 WHERE id = 1",
                "TRUNCATE public.toasty");

        List<Change> changes = changes("millrace_toast", start, read -> read.size() >= 4);

        assertThat(changes)
                .extracting(Change::operation)
                .containsExactly(Operation.UPDATE, Operation.DELETE, Operation.INSERT, Operation.TRUNCATE);
        Change update = changes.get(0);
        assertThat(update.unchanged().get(1)).isTrue();
        assertThat(update.values()[1]).isNull();
        assertThat(update.values()[2]).isEqualTo("b");
        assertThat(changes.get(1).values()[0]).isEqualTo("1");
        assertThat(changes.get(2).values()[0]).isEqualTo("2");
        capture.drop(postgres.settings(), "millrace_toast");
    }

    @Test
    void partitionsAreCapturedUnderTheirParentsName() throws Exception {
        postgres.execute(
                "CREATE TABLE public.measures (day date, value int, PRIMARY KEY (day)) PARTITION BY RANGE (day)",
                "CREATE TABLE public.measures_2024 PARTITION OF public.measures FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                "CREATE TABLE public.measures_2025 PARTITION OF public.measures FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
                "INSERT INTO public.measures VALUES ('2024-05-01', 1)");
        TableDescription table = table("measures");
        List<String[]> snapshot = new ArrayList<>();
        String start;
        try (CaptureStart capture = this.capture.create(postgres.settings(), "millrace_parts", List.of(table));
                SnapshotReader reader = source.openSnapshot(postgres.settings(), capture.snapshot())) {
            start = capture.position();
            reader.read(table, KeyRange.ALL, snapshot::add);
        }
        postgres.execute("INSERT INTO public.measures VALUES ('2025-05-01', 2)");

        List<Change> changes = changes("millrace_parts", start, read -> !read.isEmpty());

        assertThat(snapshot).hasSize(1);
        assertThat(changes.get(0).table()).isEqualTo("measures");
        assertThat(changes.get(0).values()).containsExactly("2025-05-01", "2");
        capture.drop(postgres.settings(), "millrace_parts");
    }

    @Test
    void acknowledgedPositionsAreNotStreamedAgain() throws Exception {
        postgres.execute("CREATE TABLE public.acked (id int PRIMARY KEY)");
        TableDescription table = table("acked");
        String start;
        try (CaptureStart capture = this.capture.create(postgres.settings(), "millrace_acked", List.of(table))) {
            start = capture.position();
        }
        postgres.execute("INSERT INTO public.acked VALUES (1)", "INSERT INTO public.acked VALUES (2)");
        String afterFirst;
        try (ChangeStream stream = capture.stream(postgres.settings(), "millrace_acked", start)) {
            afterFirst = commits(stream, 1).get(0);
            stream.acknowledge(afterFirst);
        }
        postgres.execute("INSERT INTO public.acked VALUES (3)");

        List<Change> resumed = changes("millrace_acked", afterFirst, read -> read.size() >= 2);

        assertThat(resumed).extracting(change -> change.values()[0]).containsExactly("2", "3");
        assertThat(capture.exists(postgres.settings(), "millrace_acked")).isTrue();
        capture.drop(postgres.settings(), "millrace_acked");
        assertThat(capture.exists(postgres.settings(), "millrace_acked")).isFalse();
    }

    @Test
    void quietTablesStillLetTheSlotMoveOn() throws Exception {
        postgres.execute("CREATE TABLE public.quiet (id int PRIMARY KEY)", "CREATE TABLE public.busy (id int)");
        String start;
        try (CaptureStart capture =
                this.capture.create(postgres.settings(), "millrace_quiet", List.of(table("quiet")))) {
            start = capture.position();
        }
        postgres.execute("INSERT INTO public.busy SELECT generate_series(1, 1000)");
        try (ChangeStream stream = capture.stream(postgres.settings(), "millrace_quiet", start)) {
            Optional<ChangeEvent> heartbeat = Optional.empty();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (heartbeat.isEmpty() && System.nanoTime() < deadline) {
                heartbeat = stream.next(Duration.ofMillis(200)).filter(ChangeEvent.Heartbeat.class::isInstance);
            }
            assertThat(heartbeat).isPresent();
            String position = ((ChangeEvent.Heartbeat) heartbeat.get()).position();
            assertThat(org.postgresql.replication.LogSequenceNumber.valueOf(position)
                            .asLong())
                    .isGreaterThan(org.postgresql.replication.LogSequenceNumber.valueOf(start)
                            .asLong());
        }
        capture.drop(postgres.settings(), "millrace_quiet");
    }

    private static TableDescription table(String name) {
        return new PostgresCatalog()
                .tables(postgres.settings()).stream()
                        .filter(table -> table.name().equals(name))
                        .findFirst()
                        .orElseThrow();
    }

    private List<Change> changes(String slot, String start, Predicate<List<Change>> done) {
        List<Change> changes = new ArrayList<>();
        try (ChangeStream stream = capture.stream(postgres.settings(), slot, start)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!done.test(changes) && System.nanoTime() < deadline) {
                stream.next(Duration.ofMillis(200))
                        .filter(Change.class::isInstance)
                        .ifPresent(event -> changes.add((Change) event));
            }
        }
        return changes;
    }

    private static List<String> commits(ChangeStream stream, int count) {
        List<String> positions = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (positions.size() < count && System.nanoTime() < deadline) {
            stream.next(Duration.ofMillis(200))
                    .filter(ChangeEvent.Commit.class::isInstance)
                    .ifPresent(event -> positions.add(((ChangeEvent.Commit) event).position()));
        }
        return positions;
    }
}
