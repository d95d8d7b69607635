package io.millrace.crypto;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Encrypts secrets (connection passwords, tokens of SaaS APIs) for storage with AES-256-GCM under
 * the tenant key. A ciphertext names the key that produced it, so secrets stay readable after the
 * key is rotated.
 */
@ProviderType
public interface SecretCipher {

    /**
     * Encrypts {@code plaintext} with the current tenant key.
     *
     * @param context what the secret belongs to, such as {@code connection/42/password}; it is
     *     authenticated but not stored, and decryption must pass the same context, so a ciphertext
     *     copied to another record does not decrypt
     * @return printable ciphertext, safe to store in a text column
     */
    String encrypt(String plaintext, String context);

    /**
     * Decrypts a value made by {@link #encrypt}.
     *
     * @throws SecretDecryptionException when the value was altered, belongs to another context, or was
     *     made with a key this server does not hold
     */
    String decrypt(String ciphertext, String context);

    /** Makes a new tenant key the current one; older keys stay available for decryption. */
    String rotateKey();

    /** The identifier of the key {@link #encrypt} uses now. */
    String currentKeyId();
}
