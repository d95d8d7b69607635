package io.millrace.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.millrace.crypto.SecretDecryptionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AesGcmSecretCipherTest {
    @TempDir
    Path data;

    private AesGcmSecretCipher cipher() {
        return new AesGcmSecretCipher(new KeyFolder(data.resolve("keys")));
    }

    @Test
    void decryptsWhatItEncryptedAndHidesThePlaintext() {
        AesGcmSecretCipher cipher = cipher();
        String sealed = cipher.encrypt("s3cret-pässword", "connection/1/password");

        assertThat(sealed).startsWith("mr1:k1:").doesNotContain("s3cret");
        assertThat(cipher.decrypt(sealed, "connection/1/password")).isEqualTo("s3cret-pässword");
        assertThat(cipher.encrypt("s3cret-pässword", "connection/1/password")).isNotEqualTo(sealed);
    }

    @Test
    void refusesACiphertextMovedToAnotherContext() {
        AesGcmSecretCipher cipher = cipher();
        String sealed = cipher.encrypt("x", "connection/1/password");

        assertThatThrownBy(() -> cipher.decrypt(sealed, "connection/2/password"))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("connection/2/password");
    }

    @Test
    void refusesAlteredCiphertext() {
        AesGcmSecretCipher cipher = cipher();
        String sealed = cipher.encrypt("value", "ctx");
        String[] parts = sealed.split(":");
        byte[] raw = Base64.getDecoder().decode(parts[2]);
        raw[raw.length - 1] ^= 1;
        String altered = parts[0] + ":" + parts[1] + ":" + Base64.getEncoder().encodeToString(raw);

        assertThatThrownBy(() -> cipher.decrypt(altered, "ctx")).isInstanceOf(SecretDecryptionException.class);
        assertThatThrownBy(() -> cipher.decrypt("plain text", "ctx")).isInstanceOf(SecretDecryptionException.class);
        assertThatThrownBy(() -> cipher.decrypt("mr1:k1:AAAA", "ctx")).isInstanceOf(SecretDecryptionException.class);
    }

    @Test
    void keepsTheKeyAcrossRestartsInAnOwnerOnlyFile() throws Exception {
        String sealed = cipher().encrypt("value", "ctx");

        assertThat(cipher().decrypt(sealed, "ctx")).isEqualTo("value");
        Path keys = data.resolve("keys").resolve(TenantKeyring.FILE);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void rotationKeepsOldSecretsReadable() {
        AesGcmSecretCipher cipher = cipher();
        String before = cipher.encrypt("old", "ctx");

        assertThat(cipher.rotateKey()).isEqualTo("k2");
        String after = cipher.encrypt("new", "ctx");

        assertThat(after).startsWith("mr1:k2:");
        AesGcmSecretCipher restarted = cipher();
        assertThat(restarted.currentKeyId()).isEqualTo("k2");
        assertThat(restarted.decrypt(before, "ctx")).isEqualTo("old");
        assertThat(restarted.decrypt(after, "ctx")).isEqualTo("new");
    }

    @Test
    void namesTheMissingKeyFileWhenAKeyIsUnknown() {
        String sealed = cipher().encrypt("v", "ctx").replace(":k1:", ":k9:");

        assertThatThrownBy(() -> cipher().decrypt(sealed, "ctx"))
                .isInstanceOf(SecretDecryptionException.class)
                .hasMessageContaining("k9")
                .hasMessageContaining(TenantKeyring.FILE);
    }
}
