package io.millrace.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Argon2PasswordHasherTest {
    private final Argon2PasswordHasher hasher = new Argon2PasswordHasher();

    @Test
    void verifiesTheRightPasswordOnly() {
        String hash = hasher.hash("correct horse battery".toCharArray());

        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct");
        assertThat(hasher.verify("correct horse battery".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("correct horse batterz".toCharArray(), hash)).isFalse();
        assertThat(hasher.verify("".toCharArray(), hash)).isFalse();
    }

    @Test
    void saltsEveryHash() {
        assertThat(hasher.hash("same".toCharArray())).isNotEqualTo(hasher.hash("same".toCharArray()));
    }

    @Test
    void rejectsMalformedHashesWithoutThrowing() {
        assertThat(hasher.verify("x".toCharArray(), null)).isFalse();
        assertThat(hasher.verify("x".toCharArray(), "")).isFalse();
        assertThat(hasher.verify("x".toCharArray(), "$2a$10$abcdefghijklmnopqrstuv"))
                .isFalse();
        assertThat(hasher.verify("x".toCharArray(), "$argon2id$v=19$m=99999999,t=2,p=1$AAAA$AAAA"))
                .isFalse();
    }

    @Test
    void asksForARehashOfWeakerHashes() {
        String weak = new Argon2PasswordHasher(new Argon2PasswordHasher.Cost(1024, 1, 1)).hash("pw".toCharArray());

        assertThat(hasher.verify("pw".toCharArray(), weak)).isTrue();
        assertThat(hasher.needsRehash(weak)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("pw".toCharArray()))).isFalse();
        assertThat(hasher.needsRehash("garbage")).isTrue();
    }
}
