package io.millrace.example.connector.sqlite.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.connector.api.CatalogException;
import io.millrace.connector.api.ConnectionCheck;
import io.millrace.connector.api.ConnectionCheck.Status;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorException;
import io.millrace.connector.api.KeyRange;
import io.millrace.connector.api.SnapshotReader;
import io.millrace.connector.api.SourceConnector;
import io.millrace.connector.api.TableDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the test kit does not ask: the file checks, and values that SQLite let into the wrong column. */
class SqliteConnectorProviderTest {
    private final SqliteConnectorProvider provider = new SqliteConnectorProvider();

    @TempDir
    Path folder;

    @Test
    void aFileThatIsNoSqliteDatabaseFailsTheCheckWithAFix() throws Exception {
        Path file = Files.writeString(folder.resolve("shop.csv"), "id,name\n1,one\n");

        ConnectionCheck check = provider.testConnection(settings(file.toString()));

        assertThat(check.successful()).isFalse();
        assertThat(check.steps()).singleElement().satisfies(step -> {
            assertThat(step.message()).isEqualTo(file + " is not a SQLite database file");
            assertThat(step.fix()).hasValueSatisfying(fix -> assertThat(fix).contains("-wal"));
        });
    }

    @Test
    void aMissingOrRelativePathFailsTheCheckAndNoFileIsCreated() {
        Path missing = folder.resolve("missing.db");

        assertThat(provider.testConnection(settings(missing.toString())).steps())
                .singleElement()
                .satisfies(step -> assertThat(step.message()).isEqualTo("There is no file " + missing));
        assertThat(provider.testConnection(settings("data/shop.db")).steps())
                .singleElement()
                .satisfies(step -> assertThat(step.message()).contains("relative"));
        assertThat(provider.testConnection(new ConnectionSettings(Map.of(), Map.of()))
                        .steps())
                .singleElement()
                .satisfies(step -> assertThat(step.fix())
                        .hasValueSatisfying(fix -> assertThat(fix).startsWith("Set path")));
        assertThatThrownBy(() -> provider.catalog().orElseThrow().tables(settings(missing.toString())))
                .isInstanceOf(CatalogException.class)
                .hasMessageStartingWith("There is no file " + missing + ": Correct the path");
        assertThat(missing).doesNotExist();
    }

    @Test
    void aReadableDatabasePassesTheCheckWithItsVersionAndTables() throws Exception {
        Path file =
                database("CREATE TABLE items (id integer PRIMARY KEY)", "CREATE VIEW item_ids AS SELECT id FROM items");

        ConnectionCheck check = provider.testConnection(settings(file.toString()));

        assertThat(check.successful()).as("%s", check.steps()).isTrue();
        assertThat(check.steps())
                .extracting(ConnectionCheck.Step::status)
                .containsExactly(Status.PASSED, Status.PASSED, Status.WARNING);
        assertThat(check.steps().get(1).message())
                .startsWith("Read it with SQLite 3.")
                .endsWith(": 1 tables");
    }

    @Test
    void aValueItsColumnsTypeCannotHoldStopsTheReadNamingColumnAndValue() throws Exception {
        Path file = database(
                "CREATE TABLE prices (id integer PRIMARY KEY, price numeric, listed date)",
                "INSERT INTO prices VALUES (1, 9.5, '2024-01-01'), (2, 'n/a', '2024-01-02')");
        TableDescription table = table(file, "prices");

        try (SnapshotReader reader = source().openSnapshot(settings(file.toString()), Optional.empty())) {
            assertThatThrownBy(() -> reader.read(table, KeyRange.ALL, row -> {}))
                    .isInstanceOf(ConnectorException.class)
                    .hasMessageStartingWith("The column price of prices holds the text 'n/a', which is not a value"
                            + " of kind decimal")
                    .hasMessageContaining("declare the column as TEXT");
        }
    }

    @Test
    void rowsWhoseKeyHoldsNullAreReadInTheFirstRange() throws Exception {
        // SQLite lets a composite key hold NULL where its columns are not declared NOT NULL.
        List<String> inserts = new ArrayList<>(List.of("CREATE TABLE pairs (a int, b int, PRIMARY KEY (a, b))"));
        for (int a = 1; a <= 10; a++) {
            inserts.add("INSERT INTO pairs VALUES (" + a + ", 0)");
        }
        inserts.add("INSERT INTO pairs VALUES (NULL, 1)");
        Path file = database(inserts.toArray(String[]::new));
        TableDescription table = table(file, "pairs");

        List<KeyRange> ranges = source().split(settings(file.toString()), table, 3);
        List<String> read = new ArrayList<>();
        try (SnapshotReader reader = source().openSnapshot(settings(file.toString()), Optional.empty())) {
            for (KeyRange range : ranges) {
                reader.read(table, range, row -> read.add(Arrays.toString(row)));
            }
        }

        assertThat(ranges).hasSizeGreaterThan(2);
        assertThat(read).hasSize(11).doesNotHaveDuplicates().contains("[null, 1]");
    }

    private SourceConnector source() {
        return provider.source().orElseThrow();
    }

    private TableDescription table(Path file, String name) {
        return provider.catalog().orElseThrow().tables(settings(file.toString())).stream()
                .filter(table -> table.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private Path database(String... statements) throws SQLException {
        Path file = folder.resolve("test.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
        return file;
    }

    private static ConnectionSettings settings(String path) {
        return new ConnectionSettings(Map.of(DatabaseFile.PATH, path), Map.of());
    }
}
