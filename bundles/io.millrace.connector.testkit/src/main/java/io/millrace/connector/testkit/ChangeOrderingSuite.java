package io.millrace.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.connector.api.CaptureStart;
import io.millrace.connector.api.ChangeEvent;
import io.millrace.connector.api.ChangeEvent.Commit;
import io.millrace.connector.api.KeyRange;
import io.millrace.connector.api.TableDescription;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Changes arrive in commit order, each transaction's changes before its commit, and a capture's
 * snapshot and stream meet exactly: every change is in one of them, never both or neither.
 */
public abstract class ChangeOrderingSuite extends SourceSuite {
    @Test
    void rowsWrittenWhileTheSnapshotIsReadArriveThroughTheStreamExactlyOnce() {
        recreate("kit_handoff", "id int PRIMARY KEY, note varchar(20)");
        insert(qualified("kit_handoff"), rows(1, 1000, "'before'"));
        TableDescription table = table("kit_handoff");
        Set<String> fromSnapshot = new HashSet<>();
        String start;
        try (CaptureStart started = capture().create(source().settings(), "kit_handoff", List.of(table))) {
            start = started.position();
            insert(qualified("kit_handoff"), rows(1001, 1500, "'during'"));
            source().execute("UPDATE " + qualified("kit_handoff") + " SET note = 'updated' WHERE id <= 10");
            readAll(table, List.of(KeyRange.ALL), started.snapshot())
                    .forEach(row -> assertThat(fromSnapshot.add(row[0]))
                            .as("read twice: %s", row[0])
                            .isTrue());
            assertThat(readAll(table, List.of(KeyRange.ALL), started.snapshot()))
                    .as("the snapshot, read again while the table changes")
                    .allSatisfy(row -> assertThat(row[1]).isEqualTo("before"));
        }
        try {
            source().execute("DELETE FROM " + qualified("kit_handoff") + " WHERE id = 1500");

            List<ChangeEvent.Change> changes = changes(
                    stream("kit_handoff", start, events -> changes(events).size() >= 511));

            assertThat(fromSnapshot).hasSize(1000);
            assertThat(changes).hasSize(511);
            assertThat(changes.subList(0, 500))
                    .extracting(SourceSuite::describe)
                    .doesNotHaveDuplicates()
                    .allMatch(change -> change.startsWith("I kit_handoff ["));
            assertThat(changes.subList(500, 510))
                    .extracting(SourceSuite::describe)
                    .containsExactlyInAnyOrderElementsOf(updated(1, 10));
            assertThat(describe(changes.get(510))).isEqualTo("D kit_handoff 1500");
        } finally {
            capture().drop(source().settings(), "kit_handoff");
        }
    }

    @Test
    void transactionsArriveInCommitOrderEachFollowedByItsCommit() {
        recreate("kit_order_a", "id int PRIMARY KEY, note varchar(20)");
        recreate("kit_order_b", "id int PRIMARY KEY, note varchar(20)");
        String start;
        try (CaptureStart started = capture()
                .create(source().settings(), "kit_order", List.of(table("kit_order_a"), table("kit_order_b")))) {
            start = started.position();
        }
        try {
            String a = qualified("kit_order_a");
            String b = qualified("kit_order_b");
            source().executeInOneTransaction(
                            "INSERT INTO " + a + " VALUES (1, 'one')", "INSERT INTO " + b + " VALUES (1, 'uno')");
            source().executeInOneTransaction(
                            "UPDATE " + a + " SET note = 'eins' WHERE id = 1", "DELETE FROM " + b + " WHERE id = 1");
            source().executeInOneTransaction("INSERT INTO " + a + " VALUES (2, 'two')");

            List<ChangeEvent> events = streamTransactions("kit_order", start, 3);

            assertThat(events)
                    .extracting(SourceSuite::describe)
                    .containsExactly(
                            "I kit_order_a [1, one]",
                            "I kit_order_b [1, uno]",
                            "COMMIT",
                            "U kit_order_a [1, eins]",
                            "D kit_order_b 1",
                            "COMMIT",
                            "I kit_order_a [2, two]",
                            "COMMIT");
            assertThat(commits(events)).extracting(Commit::position).doesNotHaveDuplicates();
            assertThat(commits(events)).extracting(Commit::transactionId).doesNotHaveDuplicates();
        } finally {
            capture().drop(source().settings(), "kit_order");
        }
    }

    @Test
    void aChangedKeyIsADeleteOfTheOldKeyThenAnInsertOfTheNewRow() {
        recreate("kit_rekey", "id int PRIMARY KEY, note varchar(20)");
        source().execute("INSERT INTO " + qualified("kit_rekey") + " VALUES (1, 'moving')");
        String start;
        try (CaptureStart started = capture().create(source().settings(), "kit_rekey", List.of(table("kit_rekey")))) {
            start = started.position();
        }
        try {
            source().execute("UPDATE " + qualified("kit_rekey") + " SET id = 2 WHERE id = 1");

            List<ChangeEvent> events = streamTransactions("kit_rekey", start, 1);

            assertThat(events)
                    .extracting(SourceSuite::describe)
                    .containsExactly("D kit_rekey 1", "I kit_rekey [2, moving]", "COMMIT");
        } finally {
            capture().drop(source().settings(), "kit_rekey");
        }
    }

    private static List<List<String>> rows(int from, int to, String note) {
        List<List<String>> rows = new ArrayList<>();
        for (int id = from; id <= to; id++) {
            rows.add(List.of(String.valueOf(id), note));
        }
        return rows;
    }

    private static List<String> updated(int from, int to) {
        List<String> updates = new ArrayList<>();
        for (int id = from; id <= to; id++) {
            updates.add("U kit_handoff [" + id + ", updated]");
        }
        return updates;
    }
}
