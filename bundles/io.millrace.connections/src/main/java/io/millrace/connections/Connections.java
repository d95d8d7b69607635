package io.millrace.connections;

import io.millrace.connector.api.ConnectionCheck;
import io.millrace.connector.api.TableDescription;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The connections users have defined. */
@ProviderType
public interface Connections {
    /**
     * Checks the settings against the connector's definitions and saves the connection.
     *
     * @throws ConnectionRejectedException when the connector is not deployed, a setting is unknown,
     *     missing, or in the wrong place (a secret among the plain settings), or the name is taken
     */
    ConnectionInfo create(ConnectionRequest request);

    /** Every connection, ordered by name. */
    List<ConnectionInfo> list();

    Optional<ConnectionInfo> find(String id);

    /**
     * Replaces the name and plain settings. Secrets that the request names are replaced; the others
     * are kept, so that a secret never has to be sent again.
     *
     * @throws ConnectionRejectedException as for {@link #create}, or when there is no such connection
     */
    ConnectionInfo update(String id, ConnectionRequest request);

    /**
     * @throws ConnectionRejectedException when there is no such connection, or a project or task
     *     uses it
     */
    void delete(String id);

    /**
     * Tries the saved settings with the connector.
     *
     * @throws ConnectionRejectedException when there is no such connection or its connector is not deployed
     */
    ConnectionCheck test(String id);

    /**
     * The tables the saved settings can see, with their columns and keys.
     *
     * @throws ConnectionRejectedException when there is no such connection, its connector is not
     *     deployed, or the connector has no tables
     * @throws io.millrace.connector.api.CatalogException when the system cannot be reached or read
     */
    List<TableDescription> catalog(String id);

    /**
     * The connection's connector and opened settings, for the server's own use in moving data.
     *
     * @throws ConnectionRejectedException when there is no such connection or its connector is not deployed
     */
    ResolvedConnection resolve(String id);
}
