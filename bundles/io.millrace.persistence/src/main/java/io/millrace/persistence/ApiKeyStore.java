package io.millrace.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** API keys of all users. */
@ProviderType
public interface ApiKeyStore {

    /** @throws DuplicateKeyException when the id is taken; StoreException when the owner does not exist */
    void create(StoredApiKey key);

    Optional<StoredApiKey> find(String id);

    /** The keys of one owner, newest first. */
    List<StoredApiKey> listByOwner(String owner);

    /** Records that the key was used; cheap enough to call on every request. */
    void markUsed(String id, Instant at);

    /** False when no such key exists. */
    boolean delete(String id);
}
