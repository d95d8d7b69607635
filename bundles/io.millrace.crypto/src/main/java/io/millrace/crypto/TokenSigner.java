package io.millrace.crypto;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Issues and checks signed bearer tokens (JWT, HMAC-SHA256 with the server's signing key). */
@ProviderType
public interface TokenSigner {

    /** A compact signed token carrying {@code claims}. */
    String sign(TokenClaims claims);

    /**
     * The claims of {@code token} if its signature is valid and it has not expired; empty for
     * anything else, including malformed input.
     */
    Optional<TokenClaims> verify(String token);
}
