package io.millrace.connector.postgres.internal.pgoutput;

/** A pgoutput message could not be decoded. */
public final class PgOutputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PgOutputException(String message) {
        super(message);
    }

    public PgOutputException(String message, Throwable cause) {
        super(message, cause);
    }
}
