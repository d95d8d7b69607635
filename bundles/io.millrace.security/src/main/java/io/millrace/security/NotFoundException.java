package io.millrace.security;

/** What the request names does not exist (or is not visible to the caller). */
public final class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
