package io.millrace.connector.api;

/**
 * A connector could not do what was asked: read a table, stream changes, write to a target. The
 * message names what failed (connection, table, position) and, where known, what to do about it.
 */
public class ConnectorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;

    /**
     * @param transientFailure whether trying again later may succeed (a lost connection, a server
     *     restarting) rather than needing a person to change something
     */
    public ConnectorException(String message, Throwable cause, boolean transientFailure) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    public ConnectorException(String message, Throwable cause) {
        this(message, cause, false);
    }

    /** Whether trying again later may succeed without anyone changing anything. */
    public boolean isTransient() {
        return transientFailure;
    }
}
