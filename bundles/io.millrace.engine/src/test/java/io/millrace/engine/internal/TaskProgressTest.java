package io.millrace.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.connector.api.ColumnDescription;
import io.millrace.connector.api.PortableType;
import io.millrace.connector.api.TableDescription;
import io.millrace.engine.TableStatus;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TaskProgressTest {
    private static TableDescription orders(String... columns) {
        return new TableDescription(
                "public",
                "orders",
                false,
                java.util.Arrays.stream(columns)
                        .map(name ->
                                new ColumnDescription(name, "int", PortableType.of(PortableType.Kind.INTEGER), false))
                        .toList(),
                List.of("id"),
                OptionalLong.empty());
    }

    @Test
    void aTablesCountersGoOnThroughAnotherAttemptOfTheRun() {
        TaskProgress progress = new TaskProgress("task");
        progress.describe(Optional.empty(), List.of(orders("id")));
        TaskProgress.TableProgress first = progress.table("public", "orders");
        first.changesApplied.addAndGet(1_000_000);
        first.changesLanded.addAndGet(1_000_000);
        first.notice = "suspended for a type change";

        // An attempt after a failure describes the tables again, as it finds them now.
        progress.describe(Optional.empty(), List.of(orders("id", "added")));

        TableStatus table = progress.status().tables().get(0);
        assertThat(table.changesApplied()).isEqualTo(1_000_000);
        assertThat(table.changesLanded()).isEqualTo(1_000_000);
        assertThat(table.note())
                .as("the new attempt finds out again what to tell")
                .isEmpty();
    }
}
