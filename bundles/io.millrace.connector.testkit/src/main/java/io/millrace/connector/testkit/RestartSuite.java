package io.millrace.connector.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.connector.api.CaptureStart;
import io.millrace.connector.api.ChangeEvent;
import io.millrace.connector.api.ChangeEvent.Commit;
import io.millrace.connector.api.ChangeStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A capture keeps every change from the last acknowledged position while no stream is open, and a
 * stream resumed from a commit's position starts with the next transaction: nothing lost, nothing
 * twice.
 */
public abstract class RestartSuite extends SourceSuite {
    @Test
    void aStreamResumedFromACommitStartsWithTheNextTransaction() {
        recreate("kit_resume", "id int PRIMARY KEY");
        String start;
        try (CaptureStart started = capture().create(source().settings(), "kit_resume", List.of(table("kit_resume")))) {
            start = started.position();
        }
        try {
            // Written while no stream is open: the capture keeps them.
            for (int id = 1; id <= 3; id++) {
                source().execute("INSERT INTO " + qualified("kit_resume") + " VALUES (" + id + ")");
            }
            String afterFirst;
            try (ChangeStream stream = capture().stream(source().settings(), "kit_resume", start)) {
                afterFirst = firstCommit(stream).position();
                stream.acknowledge(afterFirst);
            }

            List<ChangeEvent> resumed = streamTransactions("kit_resume", afterFirst, 2);
            String last = commits(resumed).get(1).position();
            source().execute("INSERT INTO " + qualified("kit_resume") + " VALUES (4)");
            List<ChangeEvent> resumedAgain = streamTransactions("kit_resume", last, 1);

            assertThat(resumed)
                    .extracting(SourceSuite::describe)
                    .containsExactly("I kit_resume [2]", "COMMIT", "I kit_resume [3]", "COMMIT");
            assertThat(resumedAgain).extracting(SourceSuite::describe).containsExactly("I kit_resume [4]", "COMMIT");
        } finally {
            capture().drop(source().settings(), "kit_resume");
        }
    }

    @Test
    void aCaptureExistsUntilItIsDropped() {
        recreate("kit_exists", "id int PRIMARY KEY");
        capture()
                .create(source().settings(), "kit_exists", List.of(table("kit_exists")))
                .close();

        assertThat(capture().exists(source().settings(), "kit_exists")).isTrue();
        capture().drop(source().settings(), "kit_exists");
        assertThat(capture().exists(source().settings(), "kit_exists")).isFalse();
        capture().drop(source().settings(), "kit_exists"); // dropping what is gone does nothing
    }

    private static Commit firstCommit(ChangeStream stream) {
        long deadline = System.nanoTime() + STREAM_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            var event = stream.next(java.time.Duration.ofMillis(200));
            if (event.isPresent() && event.get() instanceof Commit commit) {
                return commit;
            }
        }
        throw new AssertionError("No transaction was streamed within " + STREAM_WAIT);
    }
}
