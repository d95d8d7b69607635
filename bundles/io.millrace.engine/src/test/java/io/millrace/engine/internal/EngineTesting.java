package io.millrace.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.engine.TaskState;
import io.millrace.engine.TaskStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** What the engine's tests do again and again: read rows as text, wait for a task's state. */
final class EngineTesting {
    private EngineTesting() {}

    /** Each row's values joined by '|'. */
    static List<String> rows(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            return collect(result);
        }
    }

    static List<String> collect(ResultSet result) throws SQLException {
        List<String> rows = new ArrayList<>();
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= columns; i++) {
                values.add(String.valueOf(result.getString(i)));
            }
            rows.add(String.join("|", values));
        }
        return rows;
    }

    /** Waits up to a minute for the condition, failing at once when the task failed instead. */
    static TaskStatus waitFor(TaskRun runner, Predicate<TaskStatus> condition) throws InterruptedException {
        return waitFor(runner, condition, Duration.ofSeconds(60));
    }

    static TaskStatus waitFor(TaskRun runner, Predicate<TaskStatus> condition, Duration patience)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        TaskStatus status = runner.status();
        while (!condition.test(status) && System.nanoTime() < deadline) {
            if (status.state() == TaskState.FAILED) {
                throw new AssertionError(
                        "The task failed: " + status.lastError().orElse("?"));
            }
            Thread.sleep(50);
            status = runner.status();
        }
        assertThat(condition.test(status))
                .as("waited for the task; it is " + status)
                .isTrue();
        return status;
    }
}
