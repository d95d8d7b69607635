package io.millrace.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/** Local user accounts. */
@ProviderType
public interface UserDirectory {

    List<UserAccount> list();

    Optional<UserAccount> find(String username);

    /**
     * @throws InvalidCredentialsException when the username or password does not meet the rules
     * @throws ConflictException when the username is taken
     */
    UserAccount create(String username, char[] password, Set<String> roles);

    /**
     * Changes the password after checking the current one; every token issued before stops working.
     *
     * @throws AuthenticationException when {@code currentPassword} is wrong
     * @throws InvalidCredentialsException when the new password does not meet the rules
     */
    void changePassword(String username, char[] currentPassword, char[] newPassword);

    /**
     * Deletes the account and its API keys.
     *
     * @throws NotFoundException when there is no such user
     * @throws ConflictException when it is the last administrator
     */
    void delete(String username);
}
