package io.millrace.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Local user accounts. */
@ProviderType
public interface UserStore {

    Optional<StoredUser> find(String username);

    /** All users, ordered by username. */
    List<StoredUser> list();

    long count();

    /** @throws DuplicateKeyException when the username is taken */
    void create(StoredUser user);

    /** Replaces the password hash; false when the user does not exist. */
    boolean updatePassword(String username, String passwordHash, Instant changedAt);

    /** Deletes the user and the API keys they own; false when the user does not exist. */
    boolean delete(String username);
}
