package io.millrace.persistence;

/** A record with the same key already exists. */
public final class DuplicateKeyException extends StoreException {
    private static final long serialVersionUID = 1L;

    public DuplicateKeyException(String message) {
        super(message);
    }
}
