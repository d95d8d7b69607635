package io.millrace.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.connector.api.CaptureStart;
import io.millrace.connector.api.ChangeEvent;
import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.KeyRange;
import io.millrace.connector.api.TableDescription;
import io.millrace.connector.testkit.SourceUnderTest.TypeCase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every type of {@link SourceUnderTest#typeCases()} maps to its portable kind, and its values arrive
 * in their canonical text, the same in a snapshot and in the stream.
 */
public abstract class TypeRoundTripSuite extends SourceSuite {
    private static final String TABLE = "kit_types";

    @Test
    void everyTypeMapsToItsPortableKind() {
        List<TypeCase> cases = createTable();

        List<ColumnDescription> columns = table(TABLE).columns();

        for (int i = 0; i < cases.size(); i++) {
            assertThat(columns.get(i + 1).type().kind())
                    .as("%s", cases.get(i).sqlType())
                    .isEqualTo(cases.get(i).kind());
        }
    }

    @Test
    void aSnapshotReadsEveryValueInItsCanonicalText() {
        List<TypeCase> cases = createTable();
        insert(qualified(TABLE), List.of(row(1, cases), nulls(2, cases)));

        List<String[]> rows = readAll(table(TABLE), List.of(KeyRange.ALL), Optional.empty());

        rows.sort((a, b) -> a[0].compareTo(b[0]));
        assertThat(rows).hasSize(2);
        assertValues(cases, rows.get(0), "1");
        assertThat(Arrays.asList(rows.get(1)).subList(1, cases.size() + 1)).containsOnlyNulls();
    }

    @Test
    void theStreamCarriesTheSameTextAsTheSnapshot() {
        List<TypeCase> cases = createTable();
        TableDescription table = table(TABLE);
        String start;
        try (CaptureStart started = capture().create(source().settings(), "kit_types", List.of(table))) {
            start = started.position();
        }
        try {
            insert(qualified(TABLE), List.of(row(3, cases), nulls(4, cases)));

            List<ChangeEvent.Change> changes =
                    changes(stream("kit_types", start, events -> changes(events).size() >= 2));

            assertThat(changes).hasSize(2);
            assertThat(changes.get(0).columns())
                    .containsExactlyElementsOf(table.columns().stream()
                            .map(ColumnDescription::name)
                            .toList());
            assertValues(cases, changes.get(0).values(), "3");
            assertThat(Arrays.asList(changes.get(1).values()).subList(1, cases.size() + 1))
                    .containsOnlyNulls();
        } finally {
            capture().drop(source().settings(), "kit_types");
        }
    }

    private List<TypeCase> createTable() {
        List<TypeCase> cases = source().typeCases();
        StringBuilder columns = new StringBuilder("id int PRIMARY KEY");
        for (int i = 0; i < cases.size(); i++) {
            columns.append(", c").append(i).append(' ').append(cases.get(i).sqlType());
        }
        recreate(TABLE, columns.toString());
        return cases;
    }

    private static List<String> row(int id, List<TypeCase> cases) {
        List<String> row = new ArrayList<>(List.of(String.valueOf(id)));
        cases.forEach(typeCase -> row.add(typeCase.literal()));
        return row;
    }

    private static List<String> nulls(int id, List<TypeCase> cases) {
        List<String> row = new ArrayList<>(List.of(String.valueOf(id)));
        row.addAll(Collections.nCopies(cases.size(), "NULL"));
        return row;
    }

    private static void assertValues(List<TypeCase> cases, String[] values, String id) {
        assertThat(values[0]).isEqualTo(id);
        for (int i = 0; i < cases.size(); i++) {
            assertThat(values[i + 1])
                    .as("%s %s", cases.get(i).sqlType(), cases.get(i).literal())
                    .isEqualTo(cases.get(i).canonical());
        }
    }
}
