package io.millrace.project;

/** A project or task cannot be saved, found or used; the message says why in words a user can act on. */
public final class ProjectRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Reason reason;

    public ProjectRejectedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Why, in a form callers can map to a response. */
    public enum Reason {
        /** A value is missing or not usable. */
        INVALID,
        /** No project or task has that id. */
        NOT_FOUND,
        /** The name is taken, or the request clashes with the current state. */
        CONFLICT
    }
}
