package io.millrace.connector.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One type of connector (PostgreSQL, H2, a SaaS API, ...), registered as an OSGi service by the
 * bundle that implements it. Implementations must be thread-safe: the server calls them from
 * request and task threads at the same time.
 */
@ConsumerType
public interface ConnectorProvider {

    /**
     * The stable identifier that connection definitions refer to, such as {@code postgres}: lowercase
     * ASCII letters, digits and dashes, starting with a letter. See {@link ConnectorIds}.
     */
    String id();

    /** The name shown to users, such as {@code PostgreSQL}. */
    String displayName();

    /** What connections of this type can be used for. Never empty. */
    Set<ConnectorKind> kinds();

    /** The settings a connection of this type takes, in the order a form should show them. */
    List<SettingDefinition> settings();

    /**
     * Checks that the settings reach a working system: the server is reachable, the credentials are
     * accepted, and whatever else the connector needs is in place. Never throws for a failed check:
     * failures are reported in the result with the cause and, where known, the fix.
     */
    ConnectionCheck testConnection(ConnectionSettings settings);

    /**
     * The catalog of the databases this connector reaches, for connectors of databases; empty for
     * connectors without tables (SaaS APIs, automation blocks).
     */
    default Optional<Catalog> catalog() {
        return Optional.empty();
    }

    /** Reading tables and their changes, for connectors of source databases. */
    default Optional<SourceConnector> source() {
        return Optional.empty();
    }

    /** Writing into the database, for connectors of target platforms. */
    default Optional<TargetDialect> target() {
        return Optional.empty();
    }
}
