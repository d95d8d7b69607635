package io.millrace.connector.jdbc.internal;

import io.millrace.connector.api.Catalog;
import io.millrace.connector.api.ConnectionCheck;
import io.millrace.connector.api.ConnectionCheck.Step;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorKind;
import io.millrace.connector.api.ConnectorProvider;
import io.millrace.connector.api.SettingDefinition;
import io.millrace.connector.api.SettingType;
import io.millrace.connector.api.SourceConnector;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Any database with a JDBC driver, as a source for full loads and incremental loads. The driver is
 * whichever deployed bundle declares one that accepts the URL (see {@link BundleDrivers}).
 */
@Component(service = ConnectorProvider.class)
public final class JdbcConnectorProvider implements ConnectorProvider {
    private final BundleDrivers bundleDrivers;
    private final JdbcConnections connections;
    private final Catalog catalog;
    private final SourceConnector source;

    @Activate
    public JdbcConnectorProvider(BundleContext context) {
        this(new BundleDrivers(context));
        bundleDrivers.open();
    }

    private JdbcConnectorProvider(BundleDrivers bundleDrivers) {
        this(bundleDrivers, new DriverLookup(bundleDrivers));
    }

    /** Outside OSGi: the drivers on a class path. */
    JdbcConnectorProvider(DriverLookup drivers) {
        this(null, drivers);
    }

    private JdbcConnectorProvider(BundleDrivers bundleDrivers, DriverLookup drivers) {
        this.bundleDrivers = bundleDrivers;
        this.connections = new JdbcConnections(drivers);
        this.catalog = new JdbcCatalog(connections);
        this.source = new JdbcSource(connections);
    }

    @Deactivate
    void deactivate() {
        bundleDrivers.close();
    }

    @Override
    public String id() {
        return "jdbc";
    }

    @Override
    public String displayName() {
        return "JDBC (any database)";
    }

    @Override
    public Set<ConnectorKind> kinds() {
        return Set.of(ConnectorKind.SOURCE);
    }

    @Override
    public List<SettingDefinition> settings() {
        return List.of(
                SettingDefinition.required(
                        JdbcConnections.URL,
                        "JDBC URL",
                        SettingType.STRING,
                        "The database's JDBC URL, such as jdbc:sqlserver://host:1433;databaseName=sales; its driver"
                                + " must be deployed as a bundle"),
                SettingDefinition.optional(
                        JdbcConnections.USER, "User", SettingType.STRING, "", "The user to sign in as"),
                SettingDefinition.optional(
                        JdbcConnections.PASSWORD, "Password", SettingType.SECRET, "", "The user's password"),
                SettingDefinition.optional(
                        JdbcConnections.DRIVER_CLASS,
                        "Driver class",
                        SettingType.STRING,
                        "",
                        "The driver's class, such as com.microsoft.sqlserver.jdbc.SQLServerDriver, where more than"
                                + " one deployed driver accepts the URL; empty for the first that does"),
                SettingDefinition.optional(
                        JdbcConnections.SCHEMA,
                        "Schemas",
                        SettingType.STRING,
                        "",
                        "Which schemas to list, as a LIKE pattern such as sales%; empty for all but the database's"
                                + " own"));
    }

    @Override
    public ConnectionCheck testConnection(ConnectionSettings settings) {
        List<Step> steps = new ArrayList<>();
        try (Connection connection = connections.open(settings)) {
            DatabaseMetaData metadata = connection.getMetaData();
            steps.add(Step.passed(
                    "connect",
                    "Connected to " + metadata.getDatabaseProductName() + " " + metadata.getDatabaseProductVersion()
                            + " with " + metadata.getDriverName() + " " + metadata.getDriverVersion()));
            steps.add(Step.warning(
                    "deletes",
                    "A JDBC source is landed in full or incrementally by a monotonic column: rows deleted in the"
                            + " source are not seen",
                    "Where deletes matter, reload the tables from time to time, or use a connector with change"
                            + " data capture"));
        } catch (IllegalArgumentException e) {
            steps.add(Step.failed("url", e.getMessage(), "Correct the URL"));
        } catch (SQLException e) {
            boolean noDriver = DriverLookup.NO_DRIVER_STATE.equals(e.getSQLState())
                    && String.valueOf(e.getMessage()).startsWith("No ");
            steps.add(Step.failed(
                    noDriver ? "driver" : "connect",
                    noDriver ? e.getMessage() : "Cannot connect: " + e.getMessage(),
                    ConnectFailures.fix(e)));
        }
        return new ConnectionCheck(steps);
    }

    @Override
    public Optional<Catalog> catalog() {
        return Optional.of(catalog);
    }

    @Override
    public Optional<SourceConnector> source() {
        return Optional.of(source);
    }
}
