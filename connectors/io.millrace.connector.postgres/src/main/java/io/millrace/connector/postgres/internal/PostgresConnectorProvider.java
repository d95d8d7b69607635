package io.millrace.connector.postgres.internal;

import io.millrace.connector.api.Catalog;
import io.millrace.connector.api.ConnectionCheck;
import io.millrace.connector.api.ConnectionCheck.Step;
import io.millrace.connector.api.ConnectionSettings;
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

/** PostgreSQL: a source of changes through logical replication, and a target. */
@Component(service = ConnectorProvider.class)
public final class PostgresConnectorProvider implements ConnectorProvider {
    private final Catalog catalog = new PostgresCatalog();
    private final SourceConnector source = new PostgresSource();
    private final TargetDialect target = new PostgresTargetDialect();

    @Override
    public String id() {
        return "postgres";
    }

    @Override
    public String displayName() {
        return "PostgreSQL";
    }

    @Override
    public Set<ConnectorKind> kinds() {
        return Set.of(ConnectorKind.SOURCE, ConnectorKind.TARGET);
    }

    @Override
    public List<SettingDefinition> settings() {
        return List.of(
                SettingDefinition.required(
                        PostgresConnection.HOST, "Host", SettingType.STRING, "Host name or IP address of the server"),
                SettingDefinition.optional(
                        PostgresConnection.PORT, "Port", SettingType.INTEGER, "5432", "The server's port"),
                SettingDefinition.required(
                        PostgresConnection.DATABASE, "Database", SettingType.STRING, "The database to read or write"),
                SettingDefinition.required(
                        PostgresConnection.USER, "User", SettingType.STRING, "The user to sign in as"),
                SettingDefinition.optional(
                        PostgresConnection.PASSWORD, "Password", SettingType.SECRET, "", "The user's password"),
                SettingDefinition.optional(
                        PostgresConnection.SSL_MODE,
                        "TLS mode",
                        SettingType.STRING,
                        "prefer",
                        "disable, allow, prefer, require, verify-ca or verify-full"));
    }

    @Override
    public ConnectionCheck testConnection(ConnectionSettings settings) {
        List<Step> steps = new ArrayList<>();
        try (Connection connection = PostgresConnection.open(settings)) {
            steps.add(Step.passed(
                    "connect",
                    "Connected to " + settings.require(PostgresConnection.DATABASE) + " on "
                            + settings.require(PostgresConnection.HOST)));
            steps.addAll(ReadinessChecks.run(connection));
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
