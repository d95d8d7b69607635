package io.millrace.security;

/** Credentials were missing, wrong or no longer valid. */
public final class AuthenticationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message);
    }
}
