package io.millrace.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.connector.api.CaptureStart;
import io.millrace.connector.api.ChangeEvent;
import io.millrace.connector.api.PortableType.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Columns added, dropped or widened while a capture runs: each change carries the table's columns
 * as they were when it was made, and the catalog follows.
 */
public abstract class SchemaEvolutionSuite extends SourceSuite {
    @Test
    void changesCarryTheColumnsTheTableHadWhenTheyWereMade() {
        recreate("kit_evolve", "id int PRIMARY KEY, name varchar(20)");
        String table = qualified("kit_evolve");
        String start;
        try (CaptureStart started = capture().create(source().settings(), "kit_evolve", List.of(table("kit_evolve")))) {
            start = started.position();
        }
        try {
            source().execute(
                            "INSERT INTO " + table + " VALUES (1, 'a')",
                            "ALTER TABLE " + table + " ADD COLUMN extra int",
                            "INSERT INTO " + table + " VALUES (2, 'b', 7)",
                            "ALTER TABLE " + table + " DROP COLUMN name",
                            "INSERT INTO " + table + " VALUES (3, 8)");

            List<ChangeEvent.Change> changes = changes(
                    stream("kit_evolve", start, events -> changes(events).size() >= 3));

            assertThat(changes)
                    .extracting(ChangeEvent.Change::columns)
                    .containsExactly(List.of("id", "name"), List.of("id", "name", "extra"), List.of("id", "extra"));
            assertThat(changes)
                    .extracting(SourceSuite::describe)
                    .containsExactly("I kit_evolve [1, a]", "I kit_evolve [2, b, 7]", "I kit_evolve [3, 8]");
        } finally {
            capture().drop(source().settings(), "kit_evolve");
        }
    }

    @Test
    void aWidenedColumnCarriesValuesOnlyTheWiderTypeHolds() {
        recreate("kit_widen", "id int PRIMARY KEY, n int");
        String start;
        try (CaptureStart started = capture().create(source().settings(), "kit_widen", List.of(table("kit_widen")))) {
            start = started.position();
        }
        try {
            source().execute(
                            source().alterColumnType(qualified("kit_widen"), source().quote("n"), "bigint"),
                            "INSERT INTO " + qualified("kit_widen") + " VALUES (1, 9000000000)");

            List<ChangeEvent.Change> changes = changes(
                    stream("kit_widen", start, events -> !changes(events).isEmpty()));

            assertThat(changes).extracting(SourceSuite::describe).containsExactly("I kit_widen [1, 9000000000]");
            assertThat(table("kit_widen").columns().get(1).type().kind()).isEqualTo(Kind.BIGINT);
        } finally {
            capture().drop(source().settings(), "kit_widen");
        }
    }

    @Test
    void aTableAddedToACaptureStreamsFromThenOn() {
        recreate("kit_first", "id int PRIMARY KEY");
        recreate("kit_joined", "id int PRIMARY KEY");
        String start;
        try (CaptureStart started = capture().create(source().settings(), "kit_joined", List.of(table("kit_first")))) {
            start = started.position();
        }
        try {
            source().execute("INSERT INTO " + qualified("kit_joined") + " VALUES (1)");
            capture().addTables(source().settings(), "kit_joined", List.of(table("kit_joined")));
            source().execute(
                            "INSERT INTO " + qualified("kit_joined") + " VALUES (2)",
                            "INSERT INTO " + qualified("kit_first") + " VALUES (3)");

            List<ChangeEvent.Change> changes = changes(
                    stream("kit_joined", start, events -> changes(events).size() >= 2));

            assertThat(changes)
                    .extracting(SourceSuite::describe)
                    .containsExactly("I kit_joined [2]", "I kit_first [3]");
        } finally {
            capture().drop(source().settings(), "kit_joined");
        }
    }
}
