package io.millrace.connector.api;

/** A catalog could not be read; the message says why and, where known, what to do. */
public final class CatalogException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
