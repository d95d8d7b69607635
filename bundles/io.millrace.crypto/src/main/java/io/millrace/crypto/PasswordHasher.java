package io.millrace.crypto;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Hashes passwords with Argon2id (memory-hard, salted) into self-describing strings in the PHC
 * format, so parameters can be raised later without invalidating existing hashes.
 */
@ProviderType
public interface PasswordHasher {

    /** A new salted hash of {@code password}. */
    String hash(char[] password);

    /** Whether {@code password} matches {@code hash}; false for a malformed hash. Constant time in the hash. */
    boolean verify(char[] password, String hash);

    /** Whether {@code hash} was made with weaker parameters than today's and should be replaced at the next sign-in. */
    boolean needsRehash(String hash);
}
