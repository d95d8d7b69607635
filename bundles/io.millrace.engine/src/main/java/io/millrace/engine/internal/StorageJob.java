package io.millrace.engine.internal;

import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.TableDescription;
import io.millrace.connector.api.TargetDialect;
import io.millrace.scheduler.Schedule;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a storage task needs to run, resolved.
 *
 * @param project the project's name, which names its schemas
 * @param sourceConnector the landed tables' source connector id, for type mapping
 * @param tables the landing task's tables
 * @param history whether type-2 history is kept
 * @param schedule when to apply; empty applies continuously
 * @param retention how long applied changes stay in the landing change tables after their source
 *     commit
 */
record StorageJob(
        String taskId,
        String project,
        String sourceConnector,
        TargetDialect target,
        ConnectionSettings targetSettings,
        List<TableDescription> tables,
        boolean history,
        Optional<Schedule> schedule,
        Duration retention) {
    StorageJob {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(sourceConnector, "sourceConnector");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(targetSettings, "targetSettings");
        tables = List.copyOf(tables);
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(retention, "retention");
    }
}
