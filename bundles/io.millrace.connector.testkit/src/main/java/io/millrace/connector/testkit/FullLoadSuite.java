package io.millrace.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.connector.api.KeyRange;
import io.millrace.connector.api.TableDescription;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A full load in key ranges reads every row exactly once, with its values as they are. */
public abstract class FullLoadSuite extends SourceSuite {
    private static final int ROWS = 5000;

    @Test
    void keyRangesTogetherReadEveryRowExactlyOnce() {
        recreate("kit_load", "region varchar(10), id int, note varchar(40), PRIMARY KEY (region, id)");
        List<List<String>> rows = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= ROWS; i++) {
            String note = i % 10 == 0 ? null : "n" + i;
            rows.add(List.of("'r" + i % 7 + "'", String.valueOf(i), note == null ? "NULL" : "'" + note + "'"));
            expected.add(Arrays.asList("r" + i % 7, String.valueOf(i), note).toString());
        }
        insert(qualified("kit_load"), rows);
        source().analyze(qualified("kit_load"));
        TableDescription table = table("kit_load");

        assertSplitAndReadOnce(table, expected);
    }

    @Test
    void aCompositeKeyWhoseFirstColumnIsSelectiveSplitsOnItAndReadsEveryRowOnce() {
        recreate("kit_load_pairs", "a int, b int, PRIMARY KEY (a, b)");
        List<List<String>> rows = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= ROWS; i++) {
            rows.add(List.of(String.valueOf(i), String.valueOf(i % 3)));
            expected.add("[" + i + ", " + i % 3 + "]");
        }
        insert(qualified("kit_load_pairs"), rows);
        source().analyze(qualified("kit_load_pairs"));
        TableDescription table = table("kit_load_pairs");

        assertSplitAndReadOnce(table, expected);
    }

    @Test
    void anIntegerKeyWithGapsAndClustersSplitsIntoRangesThatReadEveryRowOnce() {
        recreate("kit_load_ids", "id bigint PRIMARY KEY, note varchar(10)");
        List<List<String>> rows = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= ROWS; i++) {
            // Most keys small and dense, a few far apart: ranges by value come out uneven, never wrong.
            long id = i <= ROWS - 10 ? i : 1_000_000_000_000L * i;
            rows.add(List.of(String.valueOf(id), "'n" + i + "'"));
            expected.add("[" + id + ", n" + i + "]");
        }
        insert(qualified("kit_load_ids"), rows);
        source().analyze(qualified("kit_load_ids"));
        TableDescription table = table("kit_load_ids");

        assertSplitAndReadOnce(table, expected);
    }

    @Test
    void aTableWithoutAKeyIsOneRange() {
        recreate("kit_load_keyless", "id int, note varchar(10)");
        insert(qualified("kit_load_keyless"), List.of(List.of("1", "'a'"), List.of("1", "'a'"), List.of("2", "NULL")));
        TableDescription table = table("kit_load_keyless");

        List<KeyRange> ranges = connector().split(source().settings(), table, 1);

        assertThat(ranges).containsExactly(KeyRange.ALL);
        assertThat(readAll(table, ranges, Optional.empty()))
                .extracting(row -> Arrays.asList(row).toString())
                .containsExactlyInAnyOrder("[1, a]", "[1, a]", "[2, null]");
    }

    @Test
    void anEmptyTableReadsNoRows() {
        recreate("kit_load_empty", "id int PRIMARY KEY");
        TableDescription table = table("kit_load_empty");

        assertThat(readAll(table, connector().split(source().settings(), table, 100), Optional.empty()))
                .isEmpty();
    }

    /** The table splits into more than one range of about 700 rows, which read every row once. */
    private void assertSplitAndReadOnce(TableDescription table, List<String> expected) {
        List<KeyRange> ranges = connector().split(source().settings(), table, 700);
        List<String> read = readAll(table, ranges, Optional.empty()).stream()
                .map(row -> Arrays.asList(row).toString())
                .toList();

        assertThat(ranges).as("a table of %s rows in ranges of about 700", ROWS).hasSizeGreaterThan(1);
        assertThat(read).hasSize(ROWS).containsExactlyInAnyOrderElementsOf(expected);
    }
}
