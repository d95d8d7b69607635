package io.millrace.security;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Turns credentials into principals: sign-in with a password, and checking bearer credentials. */
@ProviderType
public interface Authenticator {

    /**
     * Checks a username and password and issues a bearer token.
     *
     * @throws AuthenticationException when they do not match, or the account is temporarily locked
     *     after repeated failures (the message does not say which part was wrong)
     */
    IssuedToken login(String username, char[] password);

    /** The principal for a bearer credential (a sign-in token or an API key); empty when it is not valid now. */
    Optional<Principal> authenticate(String bearerCredential);

    /** Revokes the sign-in token the principal used; nothing happens for API keys. */
    void logout(Principal principal);
}
