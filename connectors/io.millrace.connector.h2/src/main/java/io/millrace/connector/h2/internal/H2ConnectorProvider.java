package io.millrace.connector.h2.internal;

import io.millrace.connector.api.Catalog;
import io.millrace.connector.api.ConnectionCheck;
import io.millrace.connector.api.ConnectionCheck.Step;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorKind;
import io.millrace.connector.api.ConnectorProvider;
import io.millrace.connector.api.SettingDefinition;
import io.millrace.connector.api.SettingType;
import io.millrace.connector.api.TargetDialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.h2.Driver;
import org.osgi.service.component.annotations.Component;

/** H2 as a target: the embedded default, so that Millrace runs with nothing else installed. */
@Component(service = ConnectorProvider.class)
public final class H2ConnectorProvider implements ConnectorProvider {
    private final Catalog catalog = new H2Catalog(this);
    private final TargetDialect target = new H2TargetDialect(this);
    static final String URL = "url";
    static final String USER = "user";
    static final String PASSWORD = "password";

    @Override
    public String id() {
        return "h2";
    }

    @Override
    public String displayName() {
        return "H2";
    }

    @Override
    public Set<ConnectorKind> kinds() {
        return Set.of(ConnectorKind.TARGET);
    }

    @Override
    public List<SettingDefinition> settings() {
        return List.of(
                SettingDefinition.required(
                        URL,
                        "JDBC URL",
                        SettingType.STRING,
                        "The H2 database, such as jdbc:h2:file:/var/lib/millrace/target or jdbc:h2:tcp://host/db"),
                SettingDefinition.optional(USER, "User", SettingType.STRING, "sa", "The database user"),
                SettingDefinition.optional(PASSWORD, "Password", SettingType.SECRET, "", "The user's password"));
    }

    @Override
    public ConnectionCheck testConnection(ConnectionSettings settings) {
        List<Step> steps = new ArrayList<>();
        String url = settings.get(URL, "").trim();
        String problem = H2Url.problem(url);
        if (problem != null) {
            steps.add(Step.failed("url", problem, "Set url to an H2 URL such as jdbc:h2:file:/path/to/database"));
            return new ConnectionCheck(steps);
        }
        steps.add(Step.passed("url", "The URL is an H2 URL"));
        try (Connection connection = open(settings, url)) {
            steps.add(Step.passed(
                    "connect", "Connected to H2 " + connection.getMetaData().getDatabaseProductVersion()));
            steps.add(schemaPrivilege(connection));
        } catch (SQLException e) {
            steps.add(Step.failed("connect", "Cannot connect: " + e.getMessage(), fix(e)));
        }
        return new ConnectionCheck(steps);
    }

    private static Connection open(ConnectionSettings settings, String url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", settings.get(USER, "sa"));
        properties.setProperty("password", settings.get(PASSWORD, ""));
        if (!url.toUpperCase(Locale.ROOT).contains("DB_CLOSE_ON_EXIT")) {
            // The server closes its connections when it stops; H2 closing the database first, from
            // the JVM's shutdown hook, would fail the tasks still writing to it.
            properties.setProperty("DB_CLOSE_ON_EXIT", "FALSE");
        }
        // The driver is used directly: DriverManager cannot see drivers in other bundles.
        Connection connection = new Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("The H2 driver does not accept the URL " + url);
        }
        return connection;
    }

    /** Landing creates schemas, which in H2 takes the ADMIN right. */
    private static Step schemaPrivilege(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet admin = statement.executeQuery(
                        "SELECT IS_ADMIN FROM INFORMATION_SCHEMA.USERS WHERE USER_NAME = CURRENT_USER")) {
            if (admin.next() && admin.getBoolean(1)) {
                return Step.passed("privileges", "The user may create schemas");
            }
        }
        return Step.failed(
                "privileges",
                "The user is not an administrator, and H2 lets only administrators create schemas",
                "Connect as an administrator, or run ALTER USER <user> ADMIN TRUE");
    }

    private static String fix(SQLException e) {
        return switch (e.getErrorCode()) {
            case 28000 -> "Check the user and password";
            case 90146 -> "The database does not exist and IFEXISTS=TRUE is set: create it or remove IFEXISTS";
            case 90020 -> "Another process holds the database file open: stop it, or connect through an H2 server";
            default -> "Check that the URL names a reachable H2 database";
        };
    }

    @Override
    public Optional<Catalog> catalog() {
        return Optional.of(catalog);
    }

    @Override
    public Optional<TargetDialect> target() {
        return Optional.of(target);
    }

    /** A connection to the database the settings name, after the same URL check as the test. */
    Connection open(ConnectionSettings settings) throws SQLException {
        String url = settings.get(URL, "").trim();
        String problem = H2Url.problem(url);
        if (problem != null) {
            throw new SQLException(problem);
        }
        return open(settings, url);
    }
}
