package io.millrace.security;

/** A username, password or key name does not meet the rules; the message says which rule. */
public final class InvalidCredentialsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InvalidCredentialsException(String message) {
        super(message);
    }
}
