package io.millrace.persistence.internal;

import io.millrace.persistence.StoredUser;
import io.millrace.persistence.UserStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Local users and their roles; every call is one transaction. */
final class HibernateUserStore implements UserStore {
    private final MetadataDatabase database;

    HibernateUserStore(MetadataDatabase database) {
        this.database = database;
    }

    @Override
    public Optional<StoredUser> find(String username) {
        return database.inTransaction(session ->
                Optional.ofNullable(session.find(UserRecord.class, username)).map(UserRecord::toStoredUser));
    }

    @Override
    public List<StoredUser> list() {
        return database.inTransaction(session ->
                session
                        .createSelectionQuery("from UserRecord order by username", UserRecord.class)
                        .getResultList()
                        .stream()
                        .map(UserRecord::toStoredUser)
                        .toList());
    }

    @Override
    public long count() {
        return database.inTransaction(
                session -> session.createSelectionQuery("select count(*) from UserRecord", Long.class)
                        .getSingleResult());
    }

    @Override
    public void create(StoredUser user) {
        database.insert(
                UserRecord.class,
                user.username(),
                new UserRecord(user),
                "A user named '" + user.username() + "' exists already");
    }

    @Override
    public boolean updatePassword(String username, String passwordHash, Instant changedAt) {
        return database.inTransaction(session -> {
            UserRecord user = session.find(UserRecord.class, username);
            if (user == null) {
                return false;
            }
            user.passwordHash = passwordHash;
            user.credentialsChangedAt = changedAt;
            return true;
        });
    }

    @Override
    public boolean delete(String username) {
        return database.inTransaction(session -> {
            UserRecord user = session.find(UserRecord.class, username);
            if (user == null) {
                return false;
            }
            session.createMutationQuery("delete from ApiKeyRecord where owner = :owner")
                    .setParameter("owner", username)
                    .executeUpdate();
            session.remove(user);
            return true;
        });
    }
}
