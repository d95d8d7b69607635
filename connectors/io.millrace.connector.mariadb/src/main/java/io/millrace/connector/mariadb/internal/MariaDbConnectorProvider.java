package io.millrace.connector.mariadb.internal;

import io.millrace.connector.api.Catalog;
import io.millrace.connector.api.ConnectionCheck;
import io.millrace.connector.api.ConnectionCheck.Step;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectionUse;
import io.millrace.connector.api.ConnectorKind;
import io.millrace.connector.api.ConnectorProvider;
import io.millrace.connector.api.SettingDefinition;
import io.millrace.connector.api.SettingType;
import io.millrace.connector.api.SourceConnector;
import io.millrace.connector.api.TargetDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * MariaDB and MySQL: a source of full loads and of changes read from the row-based binlog, and a
 * target of landing and storage.
 */
@Component(service = ConnectorProvider.class)
public final class MariaDbConnectorProvider implements ConnectorProvider {
    private final Catalog catalog = new MariaDbCatalog();
    private final SourceConnector source = new MariaDbSource();
    private final TargetDialect target = new MariaDbTargetDialect();

    @Override
    public String id() {
        return "mariadb";
    }

    @Override
    public String displayName() {
        return "MariaDB / MySQL";
    }

    @Override
    public Set<ConnectorKind> kinds() {
        return Set.of(ConnectorKind.SOURCE, ConnectorKind.TARGET);
    }

    @Override
    public List<SettingDefinition> settings() {
        return List.of(
                SettingDefinition.required(
                        MariaDbConnection.HOST, "Host", SettingType.STRING, "Host name or IP address of the server"),
                SettingDefinition.optional(
                        MariaDbConnection.PORT, "Port", SettingType.INTEGER, "3306", "The server's port"),
                SettingDefinition.required(
                        MariaDbConnection.USER, "User", SettingType.STRING, "The user to sign in as"),
                SettingDefinition.optional(
                        MariaDbConnection.PASSWORD, "Password", SettingType.SECRET, "", "The user's password"),
                SettingDefinition.optional(
                        MariaDbConnection.SSL_MODE,
                        "TLS mode",
                        SettingType.STRING,
                        "disable",
                        "disable, trust (encrypt without checking the certificate), verify-ca or verify-full"),
                SettingDefinition.required(
                                MariaDbConnection.DATABASES,
                                "Databases",
                                SettingType.STRING,
                                "The databases whose tables are offered, separated by commas; needed as a source only")
                        .concerning(ConnectionUse.SOURCE),
                SettingDefinition.optional(
                        MariaDbConnection.SERVER_ID,
                        "Replica server id",
                        SettingType.INTEGER,
                        "",
                        "The server id Millrace reads the binlog as, unique among the server's replicas;"
                                + " empty to derive one per task"),
                SettingDefinition.optional(
                        MariaDbConnection.ZERO_DATES,
                        "Zero dates",
                        SettingType.STRING,
                        ZeroDates.NULL.settingValue(),
                        "What a zero date such as 0000-00-00 becomes: 'null' lands NULL, 'fail' stops the task"));
    }

    @Override
    public ConnectionCheck testConnection(ConnectionSettings settings) {
        List<Step> steps = new ArrayList<>();
        try {
            Optional<List<String>> databases = settings.get(MariaDbConnection.DATABASES)
                    .filter(value -> !value.isBlank())
                    .map(value -> MariaDbConnection.databases(settings));
            long serverId = MariaDbConnection.serverId(settings, "test");
            MariaDbConnection.zeroDates(settings);
            MariaDbConnection.sslMode(settings);
            try (Connection connection = MariaDbConnection.open(settings)) {
                steps.add(Step.passed(
                        "connect",
                        "Connected to " + MariaDbConnection.host(settings) + ":" + MariaDbConnection.port(settings)));
                steps.addAll(ReadinessChecks.run(connection, databases, serverId));
            }
        } catch (IllegalArgumentException e) {
            steps.add(Step.failed("settings", e.getMessage(), "Correct the setting"));
        } catch (SQLException e) {
            steps.add(Step.failed("connect", "Cannot connect: " + e.getMessage(), ConnectFailures.fix(e)));
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

    @Override
    public Optional<TargetDialect> target() {
        return Optional.of(target);
    }
}
