package io.millrace.persistence.internal;

import io.millrace.persistence.RevokedTokenStore;
import java.time.Instant;

/** Signed-out tokens, kept until they would have expired anyway. */
final class HibernateRevokedTokenStore implements RevokedTokenStore {
    private final MetadataDatabase database;

    HibernateRevokedTokenStore(MetadataDatabase database) {
        this.database = database;
    }

    @Override
    public void revoke(String tokenId, Instant expiresAt) {
        database.inTransaction(session -> {
            if (session.find(RevokedTokenRecord.class, tokenId) == null) {
                session.persist(new RevokedTokenRecord(tokenId, expiresAt));
            }
            return null;
        });
    }

    @Override
    public boolean isRevoked(String tokenId) {
        return database.inTransaction(session -> session.find(RevokedTokenRecord.class, tokenId) != null);
    }

    @Override
    public int purgeExpired(Instant now) {
        return database.inTransaction(
                session -> session.createMutationQuery("delete from RevokedTokenRecord where expiresAt < :now")
                        .setParameter("now", now)
                        .executeUpdate());
    }
}
