package io.millrace.example.connector.sqlite.internal;

import io.millrace.connector.api.Catalog;
import io.millrace.connector.api.ConnectionCheck;
import io.millrace.connector.api.ConnectionCheck.Status;
import io.millrace.connector.api.ConnectionCheck.Step;
import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorException;
import io.millrace.connector.api.ConnectorKind;
import io.millrace.connector.api.ConnectorProvider;
import io.millrace.connector.api.SettingDefinition;
import io.millrace.connector.api.SettingType;
import io.millrace.connector.api.SourceConnector;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * The connector as the server sees it: the one service this bundle registers. The server finds it
 * when the bundle starts and forgets it when the bundle stops, so the connector is deployed,
 * upgraded and removed while the server runs. It keeps no state, so it is safe from many threads.
 */
@Component(service = ConnectorProvider.class)
public final class SqliteConnectorProvider implements ConnectorProvider {
    private final Catalog catalog = new SqliteCatalog();
    private final SourceConnector source = new SqliteSource();

    /** What connections name in {@code "connector"}; never change it once connections use it. */
    @Override
    public String id() {
        return "sqlite";
    }

    @Override
    public String displayName() {
        return "SQLite (example)";
    }

    /** A source only: the server offers it where a connection is read from, never as a target. */
    @Override
    public Set<ConnectorKind> kinds() {
        return Set.of(ConnectorKind.SOURCE);
    }

    /** The console's form for a connection and what the REST API checks: here, a single path. */
    @Override
    public List<SettingDefinition> settings() {
        return List.of(SettingDefinition.required(
                DatabaseFile.PATH,
                "Database file",
                SettingType.STRING,
                "The absolute path of the SQLite database file on the server's machine, such as"
                        + " /var/lib/shop/shop.db; it is opened read-only"));
    }

    /**
     * What a user runs before saving a connection, and again when something stops working: each
     * step says what was found and, when it failed, what to change. It never throws.
     */
    @Override
    public ConnectionCheck testConnection(ConnectionSettings settings) {
        Step file = DatabaseFile.check(settings);
        if (file.status() == Status.FAILED) {
            return new ConnectionCheck(List.of(file));
        }
        List<Step> steps = new ArrayList<>(List.of(file));
        try (Connection connection = DatabaseFile.open(settings);
                Statement statement = connection.createStatement();
                ResultSet version = statement.executeQuery("SELECT sqlite_version()")) {
            version.next();
            int tables = SqliteCatalog.tables(connection).size();
            steps.add(Step.passed("read", "Read it with SQLite " + version.getString(1) + ": " + tables + " tables"));
        } catch (SQLException | ConnectorException e) { // the file may have gone since the check
            steps.add(Step.failed(
                    "read",
                    "SQLite cannot read the file: " + e.getMessage(),
                    "If another program is writing the file, try again when it is done; a damaged file has to be"
                            + " restored from a backup"));
        }
        steps.add(Step.warning(
                "deletes",
                "Incremental landing reads the rows whose column grew, so it does not see rows deleted from the file",
                "Where deletes matter, land in mode full-load, which reads every table whole at each start"));
        return new ConnectionCheck(steps);
    }

    /** The tables a user picks from when creating a landing task. */
    @Override
    public Optional<Catalog> catalog() {
        return Optional.of(catalog);
    }

    /** Reading the tables: present because this connector is a source. */
    @Override
    public Optional<SourceConnector> source() {
        return Optional.of(source);
    }
}
