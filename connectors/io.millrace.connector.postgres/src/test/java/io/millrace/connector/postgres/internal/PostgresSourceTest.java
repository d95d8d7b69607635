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
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What only PostgreSQL's source does (key ranges from the planner, TOASTed values, partitions,
 * heartbeats); what every source does is proven by {@link PostgresConnectorKitTest}.
 */
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
