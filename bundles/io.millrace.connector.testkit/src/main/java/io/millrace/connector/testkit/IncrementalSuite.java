package io.millrace.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.millrace.connector.api.ConnectorException;
import io.millrace.connector.api.SnapshotReader;
import io.millrace.connector.api.TableDescription;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A source that reads increments finds a monotonic column's highest value and reads the rows from a
 * value on, in the column's order, by the column's type (10 after 9), never rows whose column is
 * NULL, and fails a read when the table gained columns since it was described. Skipped for
 * connectors that do not read increments.
 */
public abstract class IncrementalSuite extends SourceSuite {
    @Test
    void theHighestValueIsByTheColumnsTypeAndEmptyForAnEmptyTable() {
        TableDescription table = versions();

        try (SnapshotReader reader = reader()) {
            assertThat(reader.highest(table, "version")).hasValue("10");
        }
        source().execute("DELETE FROM " + qualified("kit_increments"));
        try (SnapshotReader reader = reader()) {
            assertThat(reader.highest(table, "version")).isEmpty();
        }
    }

    @Test
    void rowsAreReadFromAValueOnInTheColumnsOrder() {
        TableDescription table = versions();
        List<String> read = new ArrayList<>();

        long count;
        try (SnapshotReader reader = reader()) {
            count = reader.readFrom(
                    table,
                    "version",
                    Optional.of("9"),
                    row -> read.add(Arrays.asList(row).toString()));
        }

        assertThat(count).isEqualTo(3);
        assertThat(read).hasSize(3);
        assertThat(read.subList(0, 2)).containsExactlyInAnyOrder("[4, 9, d]", "[5, 9, e]");
        assertThat(read.get(2)).isEqualTo("[2, 10, b]");
    }

    @Test
    void rowsWithoutAValueAreNeverRead() {
        TableDescription table = versions();
        List<String> read = new ArrayList<>();

        try (SnapshotReader reader = reader()) {
            reader.readFrom(table, "version", Optional.empty(), row -> read.add(row[0]));
        }

        assertThat(read).hasSize(5).doesNotContain("6");
    }

    @Test
    void aTimestampMarkRoundTripsInCanonicalText() {
        assumeTrue(connector().readsIncrements(), "The connector does not read increments");
        recreate("kit_increments_ts", "id int PRIMARY KEY, changed_at timestamp");
        insert(
                qualified("kit_increments_ts"),
                List.of(
                        List.of("1", source().timestampLiteral("2024-01-01 10:00:00")),
                        List.of("2", source().timestampLiteral("2024-01-01 10:00:00.5")),
                        List.of("3", source().timestampLiteral("2024-01-02 00:00:00"))));
        TableDescription table = table("kit_increments_ts");
        List<String> read = new ArrayList<>();

        try (SnapshotReader reader = reader()) {
            assertThat(reader.highest(table, "changed_at")).hasValue("2024-01-02 00:00:00");
            reader.readFrom(table, "changed_at", Optional.of("2024-01-01 10:00:00.5"), row -> read.add(row[0]));
        }

        assertThat(read).containsExactly("2", "3");
    }

    @Test
    void aColumnAddedSinceTheTableWasDescribedFailsTheReadSoThatItsValuesAreNotMissed() {
        TableDescription described = versions();
        source().execute(
                        "ALTER TABLE " + qualified("kit_increments") + " ADD COLUMN " + source().quote("Added Later")
                                + " int",
                        "INSERT INTO " + qualified("kit_increments") + " VALUES (7, 11, 'g', 70)");

        try (SnapshotReader reader = reader()) {
            assertThatThrownBy(() -> reader.readFrom(described, "version", Optional.of("10"), row -> {}))
                    .isInstanceOfSatisfying(
                            ConnectorException.class,
                            failure -> assertThat(failure.isTransient())
                                    .as("read again once the engine has taken the column on")
                                    .isTrue())
                    .hasMessageContaining("Added Later");
        }
        try (SnapshotReader reader = reader()) {
            List<String> read = new ArrayList<>();
            reader.readFrom(table("kit_increments"), "version", Optional.of("11"), row -> read.add(row[3]));
            assertThat(read).containsExactly("70");
        }
    }

    /** Ids 1 to 6 with versions 3, 10, 1, 9, 9 and NULL: 10 sorts after 9 only as a number. */
    private TableDescription versions() {
        assumeTrue(connector().readsIncrements(), "The connector does not read increments");
        recreate("kit_increments", "id int PRIMARY KEY, version bigint, note varchar(10)");
        insert(
                qualified("kit_increments"),
                List.of(
                        List.of("1", "3", "'a'"),
                        List.of("2", "10", "'b'"),
                        List.of("3", "1", "'c'"),
                        List.of("4", "9", "'d'"),
                        List.of("5", "9", "'e'"),
                        List.of("6", "NULL", "'f'")));
        return table("kit_increments");
    }

    private SnapshotReader reader() {
        return connector().openSnapshot(source().settings(), Optional.empty());
    }
}
