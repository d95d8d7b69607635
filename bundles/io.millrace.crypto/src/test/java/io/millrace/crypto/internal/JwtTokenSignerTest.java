package io.millrace.crypto.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.crypto.TokenClaims;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtTokenSignerTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path data;

    private JwtTokenSigner signerAt(Instant now) {
        return new JwtTokenSigner(new KeyFolder(data.resolve("keys")), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static TokenClaims claims() {
        return new TokenClaims("alice", "t-1", "api", NOW, NOW.plus(Duration.ofHours(8)));
    }

    @Test
    void verifiesItsOwnTokensUntilTheyExpire() {
        String token = signerAt(NOW).sign(claims());

        assertThat(signerAt(NOW.plusSeconds(60)).verify(token)).contains(claims());
        assertThat(signerAt(NOW.plus(Duration.ofHours(8))).verify(token)).isEmpty();
    }

    @Test
    void refusesTokensSignedWithAnotherKey(@TempDir Path otherData) {
        String foreign = new JwtTokenSigner(new KeyFolder(otherData.resolve("keys")), Clock.systemUTC()).sign(claims());

        assertThat(signerAt(NOW).verify(foreign)).isEmpty();
    }

    @Test
    void refusesAlteredAndUnsignedTokens() {
        String token = signerAt(NOW).sign(claims());
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forgedPayload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(payload.replace("alice", "admin").getBytes(StandardCharsets.UTF_8));
        String noneHeader = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(signerAt(NOW).verify(parts[0] + "." + forgedPayload + "." + parts[2]))
                .isEmpty();
        assertThat(signerAt(NOW).verify(noneHeader + "." + parts[1] + ".")).isEmpty();
        assertThat(signerAt(NOW).verify("not a token")).isEmpty();
        assertThat(signerAt(NOW).verify("")).isEmpty();
    }

    @Test
    void keepsTheSigningKeyAcrossRestarts() {
        String token = signerAt(NOW).sign(claims());

        assertThat(signerAt(NOW.plus(1, ChronoUnit.MINUTES)).verify(token)).isPresent();
    }
}
