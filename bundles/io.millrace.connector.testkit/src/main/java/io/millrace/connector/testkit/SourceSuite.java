package io.millrace.connector.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.millrace.connector.api.ChangeCapture;
import io.millrace.connector.api.ChangeEvent;
import io.millrace.connector.api.ChangeStream;
import io.millrace.connector.api.KeyRange;
import io.millrace.connector.api.SnapshotReader;
import io.millrace.connector.api.SourceConnector;
import io.millrace.connector.api.TableDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** What every suite does with the source under test: its tables, snapshots and streams. */
public abstract class SourceSuite {
    /** How long a suite waits for streamed changes before it fails. */
    protected static final Duration STREAM_WAIT = Duration.ofSeconds(30);

    /** The connector and database under test; the same for every test of a class. */
    protected abstract SourceUnderTest source();

    /** {@code schema.name}, both quoted. */
    protected String qualified(String name) {
        return source().quote(source().schema()) + "." + source().quote(name);
    }

    /** Drops the table where it exists and creates it with these column definitions. */
    protected void recreate(String name, String columns) {
        source().execute(
                        "DROP TABLE IF EXISTS " + qualified(name),
                        "CREATE TABLE " + qualified(name) + " (" + columns + ")");
    }

    /** The table as the connector's catalog describes it now. */
    protected TableDescription table(String name) {
        return source().provider().catalog().orElseThrow().tables(source().settings()).stream()
                .filter(table -> table.is(source().schema(), name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("The catalog does not list " + source().schema() + "." + name));
    }

    protected SourceConnector connector() {
        return source().provider().source().orElseThrow(() -> new AssertionError("The connector is no source"));
    }

    /** The connector's change capture; skips the test for connectors without one. */
    protected ChangeCapture capture() {
        Optional<ChangeCapture> capture = connector().changeCapture();
        assumeTrue(capture.isPresent(), "The connector has no change capture");
        return capture.get();
    }

    /** Every row of the table in the current state, in key ranges of about {@code rowsPerRange}. */
    protected List<String[]> readAll(TableDescription table, List<KeyRange> ranges, Optional<String> snapshot) {
        List<String[]> rows = new ArrayList<>();
        try (SnapshotReader reader = connector().openSnapshot(source().settings(), snapshot)) {
            for (KeyRange range : ranges) {
                reader.read(table, range, rows::add);
            }
        }
        return rows;
    }

    /**
     * The changes and commits a capture streams from {@code position}, heartbeats left out, until
     * {@code done} holds for them or {@link #STREAM_WAIT} has passed.
     */
    protected List<ChangeEvent> stream(String name, String position, Predicate<List<ChangeEvent>> done) {
        List<ChangeEvent> events = new ArrayList<>();
        try (ChangeStream stream = capture().stream(source().settings(), name, position)) {
            long deadline = System.nanoTime() + STREAM_WAIT.toNanos();
            while (!done.test(events) && System.nanoTime() < deadline) {
                stream.next(Duration.ofMillis(200))
                        .filter(event -> !(event instanceof ChangeEvent.Heartbeat))
                        .ifPresent(events::add);
            }
        }
        return events;
    }

    /** Streams until {@code count} transactions have committed. */
    protected List<ChangeEvent> streamTransactions(String name, String position, int count) {
        return stream(name, position, events -> commits(events).size() >= count);
    }

    protected static List<ChangeEvent.Change> changes(List<ChangeEvent> events) {
        return events.stream()
                .filter(ChangeEvent.Change.class::isInstance)
                .map(ChangeEvent.Change.class::cast)
                .toList();
    }

    protected static List<ChangeEvent.Commit> commits(List<ChangeEvent> events) {
        return events.stream()
                .filter(ChangeEvent.Commit.class::isInstance)
                .map(ChangeEvent.Commit.class::cast)
                .toList();
    }

    /**
     * A change as {@code I kit_t [1, a]}, a delete as {@code D kit_t 1}: what the suites compare. The
     * suites' tables have their key first, and a delete carries the key, or the whole old row where
     * the source logs it.
     */
    protected static String describe(ChangeEvent event) {
        if (event instanceof ChangeEvent.Change change) {
            return change.operation().name().charAt(0) + " " + change.table() + " "
                    + (change.operation() == ChangeEvent.Operation.DELETE
                            ? change.values()[0]
                            : Arrays.asList(change.values()).toString());
        }
        return "COMMIT";
    }

    /** Inserts rows in statements of up to 500 rows; each row is a list of SQL literals. */
    protected void insert(String qualifiedTable, List<List<String>> rows) {
        List<String> statements = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += 500) {
            List<String> values = rows.subList(from, Math.min(rows.size(), from + 500)).stream()
                    .map(row -> "(" + String.join(", ", row) + ")")
                    .toList();
            statements.add("INSERT INTO " + qualifiedTable + " VALUES " + String.join(", ", values));
        }
        source().execute(statements.toArray(String[]::new));
    }
}
