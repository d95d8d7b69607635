package io.millrace.engine.internal;

import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.SourceConnector;
import io.millrace.connector.api.TableDescription;
import io.millrace.connector.api.TargetDialect;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a landing task needs to run, resolved: the connectors with their opened settings, and
 * the source tables it lands.
 *
 * @param taskId the task, which names its row in {@code __millrace_state}
 * @param captureName the name of the source capture, derived from the task
 * @param landingSchema the target schema, {@code <project>_landing}
 * @param sourceConnector the source connector's id, for type mapping in the target
 * @param changeDataCapture whether changes are landed after the full load
 * @param parallelism how many key ranges load at the same time
 * @param rowsPerRange about how many rows one key range holds
 * @param increments for incremental landing after the full load: the monotonic columns and the schedule
 */
record LandingJob(
        String taskId,
        String captureName,
        String landingSchema,
        String sourceConnector,
        SourceConnector source,
        ConnectionSettings sourceSettings,
        TargetDialect target,
        ConnectionSettings targetSettings,
        List<TableDescription> tables,
        boolean changeDataCapture,
        int parallelism,
        long rowsPerRange,
        Optional<Increments> increments) {
    LandingJob {
        Objects.requireNonNull(taskId, "taskId");
        Objects.requireNonNull(captureName, "captureName");
        Objects.requireNonNull(landingSchema, "landingSchema");
        Objects.requireNonNull(sourceConnector, "sourceConnector");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sourceSettings, "sourceSettings");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(targetSettings, "targetSettings");
        tables = List.copyOf(tables);
        if (parallelism < 1 || rowsPerRange < 1) {
            throw new IllegalArgumentException("parallelism and rowsPerRange must be positive");
        }
        Objects.requireNonNull(increments, "increments");
        if (changeDataCapture && increments.isPresent()) {
            throw new IllegalArgumentException("A task lands changes from the log or increments, not both");
        }
    }

    /** A job without increments: a full load, and changes from the log where {@code changeDataCapture}. */
    LandingJob(
            String taskId,
            String captureName,
            String landingSchema,
            String sourceConnector,
            SourceConnector source,
            ConnectionSettings sourceSettings,
            TargetDialect target,
            ConnectionSettings targetSettings,
            List<TableDescription> tables,
            boolean changeDataCapture,
            int parallelism,
            long rowsPerRange) {
        this(
                taskId,
                captureName,
                landingSchema,
                sourceConnector,
                source,
                sourceSettings,
                target,
                targetSettings,
                tables,
                changeDataCapture,
                parallelism,
                rowsPerRange,
                Optional.empty());
    }

    /** The same job over other tables. */
    LandingJob withTables(List<TableDescription> others) {
        return new LandingJob(
                taskId,
                captureName,
                landingSchema,
                sourceConnector,
                source,
                sourceSettings,
                target,
                targetSettings,
                others,
                changeDataCapture,
                parallelism,
                rowsPerRange,
                increments);
    }
}
