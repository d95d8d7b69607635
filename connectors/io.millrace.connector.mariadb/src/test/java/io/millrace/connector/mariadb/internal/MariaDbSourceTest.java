package io.millrace.connector.mariadb.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.connector.api.CaptureStart;
import io.millrace.connector.api.ChangeCapture;
import io.millrace.connector.api.ChangeEvent;
import io.millrace.connector.api.ChangeEvent.Change;
import io.millrace.connector.api.ChangeEvent.Operation;
import io.millrace.connector.api.ChangeStream;
import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.KeyRange;
import io.millrace.connector.api.PortableType;
import io.millrace.connector.api.PortableType.Kind;
import io.millrace.connector.api.SnapshotReader;
import io.millrace.connector.api.TableDescription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalog, snapshots and binlog capture against a real MariaDB 10.11, with a table of the
 * values connector test suites use to catch lossy type handling: every value must read the same
 * from a snapshot and from the binlog.
 */
class MariaDbSourceTest {
    private static TestMariaDb mariaDb;
    private final MariaDbSource source = new MariaDbSource();

    @BeforeAll
    static void startServer() throws Exception {
        mariaDb = TestMariaDb.start();
        mariaDb.execute(
                FidelityTable.CREATE,
                "CREATE TABLE `Mixed Case` (`Id` INT PRIMARY KEY, `Name` VARCHAR(10))",
                "CREATE TABLE no_key (a INT, b VARCHAR(5))");
    }

    @AfterAll
    static void stopServer() throws Exception {
        mariaDb.close();
    }

    private static String[] extremes(int id) {
        return new String[] {
            String.valueOf(id),
            "2",
            "255",
            "65535",
            "16777215",
            "4294967295",
            "18446744073709551615",
            "-9223372036854775808",
            "1010000001",
            "12345678901234567890123456789012345.123456789012345678901234567891",
            "1e+07",
            "0.1",
            "2024-02-29",
            "2024-02-29 13:45:00.123456",
            "2024-02-29 13:45:00.5+00",
            "PT-838H-59M-59S",
            "2024",
            "😀 ok",
            "café",
            "text",
            "\\x01020304",
            "\\xff00",
            "\\xdeadbeef",
            "medium",
            "a,c",
            "{\"a\": 1}",
            "\\x0101000000000000000000f03f0000000000000040",
            "\\x010100000000000000000008400000000000001040",
            String.valueOf(id * 2),
            String.valueOf(id * 3)
        };
    }

    private static String[] zeros(int id) {
        return new String[] {
            String.valueOf(id),
            null,
            "0",
            "0",
            "0",
            "0",
            "0",
            "0",
            "0000000000",
            "0.000000000000000000000000000000",
            "-2.5e+20",
            "1e-300",
            null,
            null,
            null,
            "PT25H1.5S",
            "0",
            "",
            null,
            null,
            null,
            null,
            null,
            null,
            "",
            null,
            null,
            null,
            String.valueOf(id * 2),
            String.valueOf(id * 3)
        };
    }

    @Test
    void theCatalogMapsEveryTypeToOneThatHoldsItsValues() {
        TableDescription fidelity = table("fidelity");

        assertThat(fidelity.primaryKey()).containsExactly("id");
        assertThat(fidelity.columns())
                .extracting(ColumnDescription::name, column -> column.type().toString())
                .startsWith(
                        org.assertj.core.groups.Tuple.tuple("id", "integer"),
                        org.assertj.core.groups.Tuple.tuple("flag", "smallint"),
                        org.assertj.core.groups.Tuple.tuple("tiny_u", "smallint"),
                        org.assertj.core.groups.Tuple.tuple("small_u", "integer"),
                        org.assertj.core.groups.Tuple.tuple("medium_u", "integer"),
                        org.assertj.core.groups.Tuple.tuple("int_u", "bigint"),
                        org.assertj.core.groups.Tuple.tuple("big_u", "decimal(20,0)"),
                        org.assertj.core.groups.Tuple.tuple("big", "bigint"),
                        org.assertj.core.groups.Tuple.tuple("bits", "string"),
                        org.assertj.core.groups.Tuple.tuple("dec65", "decimal(65,30)"),
                        org.assertj.core.groups.Tuple.tuple("f", "real"),
                        org.assertj.core.groups.Tuple.tuple("d", "double"),
                        org.assertj.core.groups.Tuple.tuple("dt", "date"),
                        org.assertj.core.groups.Tuple.tuple("dtm", "timestamp(6)"),
                        org.assertj.core.groups.Tuple.tuple("ts", "timestamp_tz(6)"),
                        org.assertj.core.groups.Tuple.tuple("tm", "interval"),
                        org.assertj.core.groups.Tuple.tuple("yr", "smallint"),
                        org.assertj.core.groups.Tuple.tuple("emoji", "string(20)"));
        assertThat(column(fidelity, "j").type()).isEqualTo(PortableType.of(Kind.JSON));
        assertThat(column(fidelity, "g").type()).isEqualTo(PortableType.of(Kind.BINARY));
        assertThat(column(fidelity, "e").type()).isEqualTo(PortableType.of(Kind.STRING));
        assertThat(table("Mixed Case").columns())
                .extracting(ColumnDescription::name)
                .containsExactly("Id", "Name");
        assertThat(table("no_key").primaryKey()).isEmpty();
    }

    @Test
    void aSnapshotAndTheBinlogReadEveryValueAlike() throws Exception {
        mariaDb.execute("SET SESSION sql_mode = ''", FidelityTable.extremes(1), FidelityTable.zeros(2));
        ChangeCapture capture = source.changeCapture().orElseThrow();
        TableDescription fidelity = table("fidelity");
        List<String[]> snapshotRows = new ArrayList<>();
        String start;
        try (CaptureStart captureStart = capture.create(mariaDb.settings(), "fidelity_task", List.of(fidelity))) {
            start = captureStart.position();
            // A change after the capture started is in the stream only.
            mariaDb.execute("SET SESSION sql_mode = ''", FidelityTable.extremes(3), FidelityTable.zeros(4));
            try (SnapshotReader reader = source.openSnapshot(mariaDb.settings(), captureStart.snapshot())) {
                reader.read(fidelity, KeyRange.ALL, snapshotRows::add);
            }
        }
        assertThat(snapshotRows).hasSize(2);
        assertThat(snapshotRows.get(0)).containsExactly(extremes(1));
        assertThat(snapshotRows.get(1)).containsExactly(zeros(2));

        try (ChangeStream stream = capture.stream(mariaDb.settings(), "fidelity_task", start)) {
            List<ChangeEvent> events = read(
                    stream,
                    list -> list.stream().filter(Change.class::isInstance).count() >= 2);
            List<Change> changes = changes(events);
            assertThat(changes).extracting(Change::operation).containsExactly(Operation.INSERT, Operation.INSERT);
            assertThat(changes.get(0).values()).containsExactly(extremes(3));
            assertThat(changes.get(1).values()).containsExactly(zeros(4));
            assertThat(changes.get(0).columns()).hasSize(30).startsWith("id", "flag");
        }
    }

    @Test
    void changesFollowUpdatesDeletesTruncatesAndColumnChangesFromWherePositionsSay() throws Exception {
        ChangeCapture capture = source.changeCapture().orElseThrow();
        String start;
        try (CaptureStart captureStart = capture.create(mariaDb.settings(), "ddl_task", List.of(table("Mixed Case")))) {
            start = captureStart.position();
        }
        List<String> seen = new ArrayList<>();
        String afterFirstCommit;
        try (ChangeStream stream = capture.stream(mariaDb.settings(), "ddl_task", start)) {
            // Each statement's changes are read before the next runs, as a stream that keeps up does.
            afterFirstCommit =
                    commitPosition(follow(stream, seen, "INSERT INTO `Mixed Case` VALUES (1, 'one'), (2, 'two')"));
            follow(stream, seen, "UPDATE `Mixed Case` SET `Name` = 'uno' WHERE `Id` = 1");
            follow(stream, seen, "UPDATE `Mixed Case` SET `Id` = 3 WHERE `Id` = 2");
            follow(stream, seen, "DELETE FROM `Mixed Case` WHERE `Id` = 1");
            // Streaming from a commit's position skips exactly the transactions up to it (as another
            // replica: two streams of one server id cannot run at once).
            try (ChangeStream resumed = capture.stream(mariaDb.settings(), "ddl_task_again", afterFirstCommit)) {
                assertThat(changes(read(resumed, list -> !changes(list).isEmpty()))
                                .get(0)
                                .values())
                        .containsExactly("1", "uno");
            }
            follow(stream, seen, "ALTER TABLE `Mixed Case` ADD COLUMN `Added` INT");
            follow(stream, seen, "INSERT INTO `Mixed Case` VALUES (4, 'four', 44)");
            follow(stream, seen, "ALTER TABLE `Mixed Case` MODIFY COLUMN `Name` VARCHAR(40)");
            follow(stream, seen, "UPDATE `Mixed Case` SET `Name` = 'a longer name than before' WHERE `Id` = 4");
            follow(stream, seen, "ALTER TABLE `Mixed Case` DROP COLUMN `Name`");
            follow(stream, seen, "INSERT INTO `Mixed Case` VALUES (5, 55)");
            follow(stream, seen, "TRUNCATE TABLE `Mixed Case`");
        }
        assertThat(seen)
                .containsExactly(
                        "INSERT [Id, Name] [1, one]",
                        "INSERT [Id, Name] [2, two]",
                        "UPDATE [Id, Name] [1, uno]",
                        "DELETE [Id, Name] [2, two]",
                        "INSERT [Id, Name] [3, two]",
                        "DELETE [Id, Name] [1, uno]",
                        "INSERT [Id, Name, Added] [4, four, 44]",
                        "UPDATE [Id, Name, Added] [4, a longer name than before, 44]",
                        "INSERT [Id, Added] [5, 55]",
                        "TRUNCATE [Id, Added] [null, null]");
    }

    @Test
    void aStreamBehindItsTablesColumnChangesNamesColumnsAsTheyWereWhenTheServerLogsThem() throws Exception {
        ChangeCapture capture = source.changeCapture().orElseThrow();
        mariaDb.execute("CREATE TABLE behind (id INT PRIMARY KEY, old_name VARCHAR(10))");
        String start;
        try (CaptureStart captureStart = capture.create(mariaDb.settings(), "behind_task", List.of(table("behind")))) {
            start = captureStart.position();
        }
        mariaDb.execute(
                "INSERT INTO behind VALUES (1, 'before')",
                "ALTER TABLE behind DROP COLUMN old_name",
                "ALTER TABLE behind ADD COLUMN new_number INT",
                "INSERT INTO behind VALUES (2, 22)");
        try (ChangeStream stream = capture.stream(mariaDb.settings(), "behind_task", start)) {
            List<Change> changes = changes(read(stream, list -> changes(list).size() >= 2));
            assertThat(changes)
                    .extracting(change -> change.columns() + " " + Arrays.toString(change.values()))
                    .containsExactly("[id, old_name] [1, before]", "[id, new_number] [2, 22]");
        }
    }

    @Test
    void withoutColumnNamesInTheBinlogColumnsAreReadAgainAfterEachDdlStatement() throws Exception {
        mariaDb.execute("CREATE TABLE unnamed (id INT PRIMARY KEY, label VARCHAR(10))");
        mariaDb.executeAsRoot("SET GLOBAL binlog_row_metadata = 'NO_LOG'");
        ChangeCapture capture = source.changeCapture().orElseThrow();
        List<String> seen = new ArrayList<>();
        try (CaptureStart captureStart = capture.create(mariaDb.settings(), "unnamed_task", List.of(table("unnamed")));
                ChangeStream stream = capture.stream(mariaDb.settings(), "unnamed_task", captureStart.position())) {
            follow(stream, seen, "unnamed", "INSERT INTO unnamed VALUES (1, 'one')");
            // Tools put comments before their statements; the binlog keeps them.
            follow(stream, seen, "unnamed", "/* migration 42 */ ALTER TABLE unnamed ADD COLUMN added INT");
            follow(stream, seen, "unnamed", "INSERT INTO unnamed VALUES (2, 'two', 22)");
        } finally {
            mariaDb.executeAsRoot("SET GLOBAL binlog_row_metadata = 'FULL'");
        }
        assertThat(seen).containsExactly("INSERT [id, label] [1, one]", "INSERT [id, label, added] [2, two, 22]");
    }

    @Test
    void timesOfEveryPrecisionReadAlikeFromSnapshotAndBinlog() throws Exception {
        mariaDb.execute("CREATE TABLE times (id INT PRIMARY KEY, t0 TIME, t2 TIME(2), t6 TIME(6), d2 DATETIME(2),"
                + " s3 TIMESTAMP(3) NULL)");
        String[] rows = {
            "(1, '-1:00:00', '-12:00:00.01', '-00:00:00.5', '2024-01-01 00:00:00.99', '2024-01-01 00:00:00.125')",
            "(2, '838:59:59', '-838:59:58.99', '-838:59:58.999999', '0001-01-01 00:00:00', '1970-01-01 00:00:01')",
            "(3, '00:00:00', '00:00:00.01', '-01:02:03.25', '9999-12-31 23:59:59.99', '2038-01-19 03:14:07.999')"
        };
        String[][] expected = {
            {"1", "PT-1H", "PT-12H-0.01S", "PT-0.5S", "2024-01-01 00:00:00.99", "2024-01-01 00:00:00.125+00"},
            {
                "2",
                "PT838H59M59S",
                "PT-838H-59M-58.99S",
                "PT-838H-59M-58.999999S",
                "0001-01-01 00:00:00",
                "1970-01-01 00:00:01+00"
            },
            {"3", "PT0S", "PT0.01S", "PT-1H-2M-3.25S", "9999-12-31 23:59:59.99", "2038-01-19 03:14:07.999+00"}
        };
        mariaDb.execute("INSERT INTO times VALUES " + rows[0]);
        ChangeCapture capture = source.changeCapture().orElseThrow();
        TableDescription times = table("times");
        List<String[]> snapshot = new ArrayList<>();
        String start;
        try (CaptureStart captureStart = capture.create(mariaDb.settings(), "times_task", List.of(times))) {
            start = captureStart.position();
            try (SnapshotReader reader = source.openSnapshot(mariaDb.settings(), captureStart.snapshot())) {
                reader.read(times, KeyRange.ALL, snapshot::add);
            }
        }
        mariaDb.execute("INSERT INTO times VALUES " + rows[1] + ", " + rows[2]);
        try (ChangeStream stream = capture.stream(mariaDb.settings(), "times_task", start)) {
            List<Change> changes = changes(read(stream, list -> changes(list).size() >= 2));
            assertThat(snapshot.get(0)).containsExactly(expected[0]);
            assertThat(changes.get(0).values()).containsExactly(expected[1]);
            assertThat(changes.get(1).values()).containsExactly(expected[2]);
        }
        // The same rows read from a snapshot give the same text as the binlog did.
        List<String[]> all = new ArrayList<>();
        try (SnapshotReader reader = source.openSnapshot(mariaDb.settings(), Optional.empty())) {
            reader.read(times, KeyRange.ALL, all::add);
        }
        assertThat(all.get(1)).containsExactly(expected[1]);
        assertThat(all.get(2)).containsExactly(expected[2]);
    }

    @Test
    void theFailRuleStopsAtAZeroDateNamingTheColumn() throws Exception {
        mariaDb.execute(
                "CREATE TABLE zero_dates (id INT PRIMARY KEY, happened DATE)",
                "SET SESSION sql_mode = ''",
                "INSERT INTO zero_dates VALUES (1, '0000-00-00')");
        java.util.Map<String, String> values =
                new java.util.HashMap<>(mariaDb.settings().values());
        values.put("zeroDates", "fail");
        io.millrace.connector.api.ConnectionSettings failing = new io.millrace.connector.api.ConnectionSettings(
                values, mariaDb.settings().secrets());
        try (SnapshotReader reader = source.openSnapshot(failing, Optional.empty())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> reader.read(table("zero_dates"), KeyRange.ALL, row -> {}))
                    .isInstanceOf(io.millrace.connector.api.ConnectorException.class)
                    .hasMessageContaining("happened")
                    .hasMessageContaining("shop.zero_dates")
                    .hasMessageContaining("zero-date rule");
        }
    }

    @Test
    void aPositionWhoseBinlogFileTheServerRemovedFailsForGoodSayingWhatToDo() throws Exception {
        ChangeCapture capture = source.changeCapture().orElseThrow();
        String start;
        try (CaptureStart captureStart = capture.create(mariaDb.settings(), "purged", List.of(table("Mixed Case")))) {
            start = captureStart.position();
        }
        mariaDb.executeAsRoot("FLUSH BINARY LOGS");
        // What expire_logs_days does to a task stopped for longer than binlogs are kept. The server
        // keeps a file a replica still reads (a stream of an earlier test may be closing): try again.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<String> files = binlogFiles();
        while (files.size() > 1 && System.nanoTime() < deadline) {
            mariaDb.executeAsRoot("PURGE BINARY LOGS TO '" + files.get(files.size() - 1) + "'");
            Thread.sleep(200);
            files = binlogFiles();
        }
        assertThat(files)
                .as("binlog files after the purge")
                .hasSize(1)
                .doesNotContain(BinlogPosition.parse(start).file());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
                    try (ChangeStream stream = capture.stream(mariaDb.settings(), "purged", start)) {
                        read(stream, events -> false);
                    }
                })
                .isInstanceOfSatisfying(
                        io.millrace.connector.api.ConnectorException.class,
                        failure -> assertThat(failure.isTransient())
                                .as("retrying cannot bring the file back")
                                .isFalse())
                .hasMessageContaining("no longer has the binlog file")
                .hasMessageContaining("keep binlogs longer");
    }

    private static List<String> binlogFiles() throws Exception {
        List<String> files = new ArrayList<>();
        try (java.sql.Connection connection = MariaDbConnection.open(mariaDb.settings());
                java.sql.Statement statement = connection.createStatement();
                java.sql.ResultSet logs = statement.executeQuery("SHOW BINARY LOGS")) {
            while (logs.next()) {
                files.add(logs.getString(1));
            }
        }
        return files;
    }

    /** Runs a statement and reads the stream up to its commit, noting the changes of the test's table. */
    private static List<ChangeEvent> follow(ChangeStream stream, List<String> seen, String statement) throws Exception {
        return follow(stream, seen, "Mixed Case", statement);
    }

    private static List<ChangeEvent> follow(ChangeStream stream, List<String> seen, String table, String statement)
            throws Exception {
        mariaDb.execute(statement);
        List<ChangeEvent> events = read(stream, list -> list.stream().anyMatch(ChangeEvent.Commit.class::isInstance));
        changes(events).stream()
                .filter(change -> change.table().equals(table))
                .forEach(change ->
                        seen.add(change.operation() + " " + change.columns() + " " + Arrays.toString(change.values())));
        return events;
    }

    private static String commitPosition(List<ChangeEvent> events) {
        return events.stream()
                .filter(ChangeEvent.Commit.class::isInstance)
                .map(event -> ((ChangeEvent.Commit) event).position())
                .findFirst()
                .orElseThrow();
    }

    private static List<Change> changes(List<ChangeEvent> events) {
        return events.stream()
                .filter(Change.class::isInstance)
                .map(Change.class::cast)
                .toList();
    }

    private static List<ChangeEvent> read(ChangeStream stream, Predicate<List<ChangeEvent>> done) {
        List<ChangeEvent> events = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.test(events) && System.nanoTime() < deadline) {
            Optional<ChangeEvent> next = stream.next(Duration.ofMillis(200));
            next.ifPresent(events::add);
        }
        assertThat(done.test(events)).as("events read: %s", events).isTrue();
        return events;
    }

    private static TableDescription table(String name) {
        return new MariaDbCatalog()
                .tables(mariaDb.settings()).stream()
                        .filter(table -> table.name().equals(name))
                        .findFirst()
                        .orElseThrow();
    }

    private static ColumnDescription column(TableDescription table, String name) {
        return table.columns().stream()
                .filter(column -> column.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
