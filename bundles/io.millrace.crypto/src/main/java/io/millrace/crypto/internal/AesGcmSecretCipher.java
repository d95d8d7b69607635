package io.millrace.crypto.internal;

import io.millrace.crypto.SecretCipher;
import io.millrace.crypto.SecretDecryptionException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * AES-256-GCM under the tenant keyring. A ciphertext reads {@code mr1:<key id>:<base64 of nonce,
 * ciphertext and tag>}; the caller's context is the additional authenticated data.
 */
// Immediate: the tenant key is made at first start, not at first use.
@Component(service = SecretCipher.class, immediate = true)
public final class AesGcmSecretCipher implements SecretCipher {
    private static final String FORMAT = "mr1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final KeyFolder folder;
    private final SecureRandom random = new SecureRandom();
    private volatile TenantKeyring keyring;

    @Activate
    public AesGcmSecretCipher(BundleContext context) {
        this(KeyFolder.underDataFolder(context.getProperty("millrace.data")));
    }

    AesGcmSecretCipher(KeyFolder folder) {
        this.folder = folder;
        this.keyring = TenantKeyring.loadOrCreate(folder, random);
    }

    @Override
    public String encrypt(String plaintext, String context) {
        TenantKeyring current = keyring;
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = crypt(
                Cipher.ENCRYPT_MODE, current.current(), nonce, context, plaintext.getBytes(StandardCharsets.UTF_8));
        ByteBuffer out =
                ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed);
        return FORMAT + ":" + current.currentId() + ":" + Base64.getEncoder().encodeToString(out.array());
    }

    @Override
    public String decrypt(String ciphertext, String context) {
        String[] parts = ciphertext.split(":", 3);
        if (parts.length != 3 || !parts[0].equals(FORMAT)) {
            throw new SecretDecryptionException("Not a Millrace ciphertext (expected " + FORMAT + ":<key>:<data>)");
        }
        SecretKey key = keyring.find(parts[1])
                .orElseThrow(() -> new SecretDecryptionException("The secret was encrypted with tenant key '" + parts[1]
                        + "', which this server does not hold. Restore data/keys/" + TenantKeyring.FILE
                        + " from the backup that matches the metadata database."));
        byte[] packed;
        try {
            packed = Base64.getDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new SecretDecryptionException("The ciphertext is not valid base64", e);
        }
        if (packed.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretDecryptionException("The ciphertext is too short to be genuine");
        }
        ByteBuffer in = ByteBuffer.wrap(packed);
        byte[] nonce = new byte[NONCE_BYTES];
        in.get(nonce);
        byte[] sealed = new byte[in.remaining()];
        in.get(sealed);
        return new String(crypt(Cipher.DECRYPT_MODE, key, nonce, context, sealed), StandardCharsets.UTF_8);
    }

    @Override
    public synchronized String rotateKey() {
        TenantKeyring rotated = keyring.rotate(random);
        folder.write(TenantKeyring.FILE, rotated.serialize());
        keyring = rotated;
        return rotated.currentId();
    }

    @Override
    public String currentKeyId() {
        return keyring.currentId();
    }

    private static byte[] crypt(int mode, SecretKey key, byte[] nonce, String context, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new SecretDecryptionException(
                    "The secret does not decrypt: it was altered or belongs to another record than '" + context + "'",
                    e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this Java runtime", e);
        }
    }
}
