package io.millrace.connections;

/** A connection cannot be saved, found or used; the message says why in words a user can act on. */
public final class ConnectionRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public ConnectionRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Why, in a form callers can map to a response. */
    public enum Reason {
        /** A setting is unknown, missing or malformed, or the name is not usable. */
        INVALID,
        /** No connection has that id. */
        NOT_FOUND,
        /** Another connection has that name. */
        CONFLICT,
        /** The connection's connector is not deployed. */
        CONNECTOR_MISSING
    }
}
