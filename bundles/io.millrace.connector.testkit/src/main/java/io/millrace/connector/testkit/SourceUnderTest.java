package io.millrace.connector.testkit;

import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorProvider;
import io.millrace.connector.api.PortableType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A connector and a real database it reaches, as a connector's tests hand them to the suites. The
 * suites write plain SQL (CREATE TABLE with {@code int}, {@code bigint} and {@code varchar(n)},
 * INSERT, UPDATE, DELETE, ALTER TABLE ... ADD/DROP COLUMN); what differs between databases is
 * asked for here.
 */
public interface SourceUnderTest {
    /** The connector under test. */
    ConnectorProvider provider();

    /** Settings that reach the test database as a user with every privilege the connector needs. */
    ConnectionSettings settings();

    /** The schema (PostgreSQL) or database (MariaDB) the suites create their tables in. */
    String schema();

    /**
     * A new connection to the test database as a user that may create tables, with the suites'
     * schema as its current one, in auto-commit mode.
     */
    Connection connect() throws SQLException;

    /** Runs each statement in a transaction of its own, in order. */
    default void execute(String... statements) {
        run(false, statements);
    }

    /** Runs the statements as one transaction. */
    default void executeInOneTransaction(String... statements) {
        run(true, statements);
    }

    private void run(boolean oneTransaction, String... statements) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(!oneTransaction);
            for (String sql : statements) {
                statement.execute(sql);
            }
            if (oneTransaction) {
                connection.commit();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(String.join("; ", statements) + ": " + e.getMessage(), e);
        }
    }

    /** An identifier quoted as the database needs it to keep its case and spaces. */
    default String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** The statement that changes a column's type; standard SQL, which PostgreSQL and H2 take. */
    default String alterColumnType(String qualifiedTable, String quotedColumn, String type) {
        return "ALTER TABLE " + qualifiedTable + " ALTER COLUMN " + quotedColumn + " SET DATA TYPE " + type;
    }

    /**
     * A literal of a timestamp without time zone, such as {@code TIMESTAMP '2024-01-01 10:00:00'}:
     * standard SQL, which PostgreSQL, MariaDB and H2 take. SQLite has no typed literals and keeps
     * timestamps as text, so its fixture writes a plain string.
     */
    default String timestampLiteral(String text) {
        return "TIMESTAMP '" + text + "'";
    }

    /** Brings the database's statistics up to date where key ranges are planned from them. */
    default void analyze(String qualifiedTable) {}

    /**
     * Whether a capture is something the source keeps (a PostgreSQL replication slot) that {@code
     * drop} removes, rather than only a position the task keeps (a binlog replica).
     */
    default boolean capturesKeepStateInTheSource() {
        return true;
    }

    /** The types {@link TypeRoundTripSuite} checks: the database's own, with their hard values. */
    List<TypeCase> typeCases();

    /** The test database's settings with the port of a loopback port nothing listens on. */
    default ConnectionSettings unreachable() {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> values = new HashMap<>(settings().values());
        values.put("host", "127.0.0.1");
        values.put("port", String.valueOf(port));
        return new ConnectionSettings(values, settings().secrets());
    }

    /**
     * A column type and a value that tests it.
     *
     * @param sqlType the type as written in CREATE TABLE, such as {@code numeric(40,10)}
     * @param literal the value as written in INSERT, such as {@code '2024-02-29'}
     * @param kind the portable kind the catalog must map the type to
     * @param canonical the value's canonical text form of that kind (see {@link PortableType.Kind}),
     *     as snapshots and streams must deliver it
     */
    record TypeCase(String sqlType, String literal, PortableType.Kind kind, String canonical) {}
}
