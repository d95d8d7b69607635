package io.millrace.crypto.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The tenant's AES-256 keys, persisted in {@code data/keys/tenant.keys}: every key ever made (so old
 * secrets still decrypt) and which one encrypts now. Immutable; rotation returns a new keyring.
 */
final class TenantKeyring {
    static final String FILE = "tenant.keys";
    private static final String CURRENT = "current";
    private static final int KEY_BYTES = 32;

    private final Map<String, SecretKey> keys;
    private final String currentId;

    private TenantKeyring(Map<String, SecretKey> keys, String currentId) {
        this.keys = Map.copyOf(keys);
        this.currentId = currentId;
    }

    /** Loads the keyring, creating it with a first key at first start. */
    static TenantKeyring loadOrCreate(KeyFolder folder, SecureRandom random) {
        if (!folder.exists(FILE)) {
            TenantKeyring first = new TenantKeyring(Map.of("k1", newKey(random)), "k1");
            folder.writeIfAbsent(FILE, first.serialize());
        }
        return parse(folder.read(FILE), folder.resolve(FILE).toString());
    }

    TenantKeyring rotate(SecureRandom random) {
        int next = keys.keySet().stream()
                        .mapToInt(id -> Integer.parseInt(id.substring(1)))
                        .max()
                        .orElse(0)
                + 1;
        Map<String, SecretKey> rotated = new LinkedHashMap<>(keys);
        String id = "k" + next;
        rotated.put(id, newKey(random));
        return new TenantKeyring(rotated, id);
    }

    String currentId() {
        return currentId;
    }

    SecretKey current() {
        return keys.get(currentId);
    }

    Optional<SecretKey> find(String id) {
        return Optional.ofNullable(keys.get(id));
    }

    byte[] serialize() {
        Properties properties = new Properties();
        properties.setProperty(CURRENT, currentId);
        keys.forEach((id, key) -> properties.setProperty(id, Base64.getEncoder().encodeToString(key.getEncoded())));
        StringWriter out = new StringWriter();
        try {
            properties.store(
                    out,
                    " Millrace tenant keys (AES-256). Back this file up together with the metadata database:"
                            + " without it, stored secrets cannot be decrypted.");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static TenantKeyring parse(byte[] content, String source) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(new String(content, StandardCharsets.UTF_8)));
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("The tenant key file " + source + " is damaged: " + e.getMessage(), e);
        }
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.matches("k\\d+")) {
                byte[] raw = Base64.getDecoder().decode(properties.getProperty(name));
                if (raw.length != KEY_BYTES) {
                    throw new IllegalStateException(
                            "The tenant key " + name + " in " + source + " is not 256 bits long");
                }
                keys.put(name, new SecretKeySpec(raw, "AES"));
            }
        }
        String current = properties.getProperty(CURRENT);
        if (current == null || !keys.containsKey(current)) {
            throw new IllegalStateException("The tenant key file " + source + " names no current key that it holds");
        }
        return new TenantKeyring(keys, current);
    }

    private static SecretKey newKey(SecureRandom random) {
        byte[] raw = new byte[KEY_BYTES];
        random.nextBytes(raw);
        return new SecretKeySpec(raw, "AES");
    }
}
