package io.millrace.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * API keys read {@code mrk_<id>_<secret>}: a recognizable prefix (so leaked keys can be found by
 * scanners), a public id to look the key up, and 256 random bits. Only a SHA-256 hash of the secret
 * is stored; a slow hash is not needed for a secret of that entropy.
 */
final class ApiKeyFormat {
    static final String PREFIX = "mrk_";
    private static final int ID_LENGTH = 12;
    private static final char[] ID_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private static final int SECRET_BYTES = 32;

    private ApiKeyFormat() {}

    record ParsedKey(String id, String secret) {}

    static boolean looksLikeKey(String credential) {
        return credential.startsWith(PREFIX);
    }

    static Optional<ParsedKey> parse(String credential) {
        int idEnd = PREFIX.length() + ID_LENGTH;
        if (!looksLikeKey(credential) || credential.length() <= idEnd + 1 || credential.charAt(idEnd) != '_') {
            return Optional.empty();
        }
        return Optional.of(
                new ParsedKey(credential.substring(PREFIX.length(), idEnd), credential.substring(idEnd + 1)));
    }

    static String newId(SecureRandom random) {
        char[] id = new char[ID_LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_ALPHABET[random.nextInt(ID_ALPHABET.length)];
        }
        return new String(id);
    }

    static String newSecret(SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    static String format(String id, String secret) {
        return PREFIX + id + "_" + secret;
    }

    static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this Java runtime", e);
        }
    }

    /** Compares in constant time so the hash cannot be guessed byte by byte. */
    static boolean matches(String secret, String storedHash) {
        return MessageDigest.isEqual(
                hash(secret).getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }
}
