package io.millrace.connector.api;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A database that tables are read from. Every source offers full loads in key ranges, so large
 * tables load in parallel and an interrupted load resumes at the first unfinished range; sources
 * with log-based change data capture also offer a {@link ChangeCapture}.
 */
@ConsumerType
public interface SourceConnector {

    /**
     * Divides a table into ranges of about {@code rowsPerRange} rows each, in key order. A table
     * without a primary key is one range, {@link KeyRange#ALL}.
     *
     * @throws ConnectorException when the table cannot be read
     */
    List<KeyRange> split(ConnectionSettings settings, TableDescription table, long rowsPerRange);

    /**
     * Opens a reader of the current state of the database, or, with a {@code snapshot} from {@link
     * CaptureStart#snapshot()}, of the state at the start of a change capture.
     *
     * @throws ConnectorException when the source cannot be reached or the snapshot is gone
     */
    SnapshotReader openSnapshot(ConnectionSettings settings, Optional<String> snapshot);

    /**
     * Whether its snapshot readers read rows by a monotonic column ({@link SnapshotReader#highest},
     * {@link SnapshotReader#readFrom}), so that tables can be landed incrementally, without change
     * data capture.
     */
    default boolean readsIncrements() {
        return false;
    }

    /** Log-based change data capture, for sources that have it. */
    default Optional<ChangeCapture> changeCapture() {
        return Optional.empty();
    }
}
