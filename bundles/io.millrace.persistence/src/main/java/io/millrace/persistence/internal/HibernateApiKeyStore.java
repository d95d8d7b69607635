package io.millrace.persistence.internal;

import io.millrace.persistence.ApiKeyStore;
import io.millrace.persistence.DuplicateKeyException;
import io.millrace.persistence.StoreException;
import io.millrace.persistence.StoredApiKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API keys, by their hash; every call is one transaction. */
final class HibernateApiKeyStore implements ApiKeyStore {
    private final MetadataDatabase database;

    HibernateApiKeyStore(MetadataDatabase database) {
        this.database = database;
    }

    @Override
    public void create(StoredApiKey key) {
        database.inTransaction(session -> {
            if (session.find(ApiKeyRecord.class, key.id()) != null) {
                throw new DuplicateKeyException("An API key with id '" + key.id() + "' exists already");
            }
            if (session.find(UserRecord.class, key.owner()) == null) {
                throw new StoreException(
                        "There is no user named '" + key.owner() + "' to own the API key '" + key.id() + "'");
            }
            session.persist(new ApiKeyRecord(key));
            return null;
        });
    }

    @Override
    public Optional<StoredApiKey> find(String id) {
        return database.inTransaction(session ->
                Optional.ofNullable(session.find(ApiKeyRecord.class, id)).map(ApiKeyRecord::toStoredApiKey));
    }

    @Override
    public List<StoredApiKey> listByOwner(String owner) {
        return database.inTransaction(session -> session
                .createSelectionQuery("from ApiKeyRecord where owner = :owner order by createdAt", ApiKeyRecord.class)
                .setParameter("owner", owner)
                .getResultList()
                .stream()
                .map(ApiKeyRecord::toStoredApiKey)
                .toList());
    }

    @Override
    public void markUsed(String id, Instant at) {
        database.inTransaction(
                session -> session.createMutationQuery("update ApiKeyRecord set lastUsedAt = :at where id = :id")
                        .setParameter("at", at)
                        .setParameter("id", id)
                        .executeUpdate());
    }

    @Override
    public boolean delete(String id) {
        return database.inTransaction(session -> session.createMutationQuery("delete from ApiKeyRecord where id = :id")
                        .setParameter("id", id)
                        .executeUpdate()
                > 0);
    }
}
