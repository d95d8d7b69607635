package io.millrace.security;

/** The request contradicts existing state, such as a username that is taken. */
public final class ConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
