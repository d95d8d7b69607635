package io.millrace.persistence;

/** A record cannot be deleted because others still refer to it; the message names one of them. */
public final class ReferencedException extends StoreException {
    private static final long serialVersionUID = 1L;

    public ReferencedException(String message) {
        super(message);
    }
}
