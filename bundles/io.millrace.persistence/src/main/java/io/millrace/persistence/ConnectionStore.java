package io.millrace.persistence;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Connections to source and target systems. */
@ProviderType
public interface ConnectionStore {
    /** @throws DuplicateKeyException when the id or the name is taken */
    void create(StoredConnection connection);

    Optional<StoredConnection> find(String id);

    /** Every connection, ordered by name. */
    List<StoredConnection> list();

    /**
     * Replaces a connection's name and settings.
     *
     * @return false when there is no connection with that id
     * @throws DuplicateKeyException when the new name is taken by another connection
     */
    boolean update(StoredConnection connection);

    /**
     * Deletes a connection that no project or task uses.
     *
     * @return false when there was no connection with that id
     * @throws ReferencedException when a project or a task uses the connection
     */
    boolean delete(String id);
}
