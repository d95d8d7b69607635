package io.millrace.connector.api;

import java.time.Duration;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Committed changes in commit order, each transaction's changes followed by its {@link
 * ChangeEvent.Commit}. Used by one thread.
 */
@ConsumerType
public interface ChangeStream extends AutoCloseable {
    /**
     * The next event, waiting up to {@code wait} for one.
     *
     * @throws ConnectorException when the stream broke, saying whether it is worth retrying
     */
    Optional<ChangeEvent> next(Duration wait);

    /**
     * Tells the source that everything up to {@code position} is durably written in the target, so
     * it may discard its log up to there. Call it only after the target committed.
     */
    void acknowledge(String position);

    @Override
    void close();
}
