package io.millrace.connector.api;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A newly created capture: where its stream starts and, while this is open, a snapshot of the
 * source at exactly that point for {@link SourceConnector#openSnapshot}.
 */
@ConsumerType
public interface CaptureStart extends AutoCloseable {
    /** The position streaming starts at, for {@link ChangeCapture#stream}. */
    String position();

    /** The snapshot to read the tables at; valid until this is closed. */
    Optional<String> snapshot();

    /** Releases the snapshot once every reader has opened it. */
    @Override
    void close();
}
