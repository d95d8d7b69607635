package io.millrace.connector.api;

import java.util.List;
import java.util.OptionalLong;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Log-based change data capture: a named, durable place in the source (a PostgreSQL replication
 * slot, a MySQL binlog position) from which committed changes are streamed in commit order. The
 * source keeps its log from the last acknowledged position, so a capture resumes after any
 * interruption without losing a change.
 *
 * <p>Names are chosen by the server from the task they belong to: 1 to 63 lowercase ASCII letters,
 * digits and underscores.
 */
@ConsumerType
public interface ChangeCapture {

    /**
     * Creates the capture of these tables, replacing one of that name, and returns its start: the
     * position streaming begins at and a snapshot of the tables at exactly that position, so that
     * every change is either in the snapshot or in the stream, never both or neither.
     *
     * @throws ConnectorException when the source is not ready for capture, saying what to change
     */
    CaptureStart create(ConnectionSettings settings, String name, List<TableDescription> tables);

    /**
     * Captures these tables too from now on: changes committed after this returns are streamed. A
     * snapshot opened after it returns holds every change before, so nothing falls in between.
     *
     * @throws ConnectorException when the source refuses, saying why
     */
    void addTables(ConnectionSettings settings, String name, List<TableDescription> tables);

    /** Whether the capture exists in the source, so that a task can resume from it. */
    boolean exists(ConnectionSettings settings, String name);

    /**
     * Streams the changes of transactions that committed after {@code position}.
     *
     * @param position a {@link ChangeEvent.Commit#position()} or {@link CaptureStart#position()}
     * @throws ConnectorException when the capture is gone or the source cannot be reached
     */
    ChangeStream stream(ConnectionSettings settings, String name, String position);

    /**
     * How many bytes of its log the source keeps for the capture (PostgreSQL: WAL from the slot's
     * restart position to the current end), so that a capture falling behind can be stopped before
     * the source's disk fills; empty when the source cannot tell or the capture is gone.
     */
    default OptionalLong retainedBytes(ConnectionSettings settings, String name) {
        return OptionalLong.empty();
    }

    /** Removes the capture and everything the source keeps for it; does nothing when it is gone. */
    void drop(ConnectionSettings settings, String name);
}
