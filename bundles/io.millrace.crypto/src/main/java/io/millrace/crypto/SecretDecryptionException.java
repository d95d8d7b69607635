package io.millrace.crypto;

/** A stored secret cannot be decrypted: it was altered, or its key is not held by this server. */
public final class SecretDecryptionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SecretDecryptionException(String message) {
        super(message);
    }

    public SecretDecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
