package io.millrace.crypto.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.millrace.crypto.TokenClaims;
import io.millrace.crypto.TokenSigner;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * JWTs signed with HMAC-SHA256 under a 256-bit key generated at first start in {@code
 * data/keys/token-signing.key}. Deleting that file and restarting voids every issued token.
 */
// Immediate: the signing key is made at first start, not at first use.
@Component(service = TokenSigner.class, immediate = true)
public final class JwtTokenSigner implements TokenSigner {
    static final String KEY_FILE = "token-signing.key";
    private static final String ISSUER = "millrace";
    private static final int KEY_BYTES = 32;

    private final MACSigner signer;
    private final MACVerifier verifier;
    private final Clock clock;

    @Activate
    public JwtTokenSigner(BundleContext context) {
        this(KeyFolder.underDataFolder(context.getProperty("millrace.data")), Clock.systemUTC());
    }

    /** A signer whose key lives in {@code keysFolder}; usable outside OSGi. */
    public JwtTokenSigner(Path keysFolder, Clock clock) {
        this(new KeyFolder(keysFolder), clock);
    }

    JwtTokenSigner(KeyFolder folder, Clock clock) {
        if (!folder.exists(KEY_FILE)) {
            byte[] key = new byte[KEY_BYTES];
            new SecureRandom().nextBytes(key);
            folder.writeIfAbsent(KEY_FILE, key);
        }
        byte[] key = folder.read(KEY_FILE);
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalStateException(
                    "The token signing key " + folder.resolve(KEY_FILE) + " is unusable: " + e.getMessage(), e);
        }
        this.clock = clock;
    }

    @Override
    public String sign(TokenClaims claims) {
        JWTClaimsSet set = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(claims.subject())
                .jwtID(claims.tokenId())
                .audience(claims.audience())
                .issueTime(Date.from(claims.issuedAt()))
                .expirationTime(Date.from(claims.expiresAt()))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), set);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    @Override
    public Optional<TokenClaims> verify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet set = jwt.getJWTClaimsSet();
            List<String> audience = set.getAudience();
            if (!ISSUER.equals(set.getIssuer())
                    || set.getSubject() == null
                    || set.getJWTID() == null
                    || audience == null
                    || audience.size() != 1
                    || set.getIssueTime() == null
                    || set.getExpirationTime() == null) {
                return Optional.empty();
            }
            Instant expiresAt = set.getExpirationTime().toInstant();
            Instant issuedAt = set.getIssueTime().toInstant();
            if (!clock.instant().isBefore(expiresAt) || !expiresAt.isAfter(issuedAt)) {
                return Optional.empty();
            }
            return Optional.of(new TokenClaims(set.getSubject(), set.getJWTID(), audience.get(0), issuedAt, expiresAt));
        } catch (ParseException | JOSEException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
