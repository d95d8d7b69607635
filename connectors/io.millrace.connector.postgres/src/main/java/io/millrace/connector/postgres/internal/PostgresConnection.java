package io.millrace.connector.postgres.internal;

import io.millrace.connector.api.ConnectionSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/** Opens JDBC connections to the PostgreSQL server that a connection's settings describe. */
final class PostgresConnection {
    static final String HOST = "host";
    static final String PORT = "port";
    static final String DATABASE = "database";
    static final String USER = "user";
    static final String PASSWORD = "password";
    static final String SSL_MODE = "sslmode";

    /** Host names and addresses; anything else could smuggle URL parameters into the connection. */
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._:\\[\\]-]{1,253}");

    private PostgresConnection() {}

    /**
     * @throws IllegalArgumentException when a setting is missing or malformed, naming it
     */
    static Connection open(ConnectionSettings settings) throws SQLException {
        return open(settings, new Properties());
    }

    /**
     * @param extra driver properties on top of the settings, such as replication mode
     * @throws IllegalArgumentException when a setting is missing or malformed, naming it
     */
    static Connection open(ConnectionSettings settings, Properties extra) throws SQLException {
        String host = settings.require(HOST).trim();
        if (!HOST_NAME.matcher(host).matches()) {
            throw new IllegalArgumentException("The host '" + host + "' is not a host name or an IP address");
        }
        int port;
        try {
            port = Integer.parseInt(settings.get(PORT, "5432").trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The port must be a number from 1 to 65535");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("The port must be a number from 1 to 65535");
        }
        Properties properties = new Properties();
        properties.putAll(extra);
        // Only the checked host and port and the encoded database name go into the URL; everything
        // else goes through properties, so no value can add URL parameters.
        String url = "jdbc:postgresql://" + host + ":" + port + "/"
                + URLEncoder.encode(settings.require(DATABASE), StandardCharsets.UTF_8);
        PGProperty.USER.set(properties, settings.require(USER));
        PGProperty.PASSWORD.set(properties, settings.get(PASSWORD, ""));
        PGProperty.SSL_MODE.set(properties, settings.get(SSL_MODE, "prefer"));
        PGProperty.CONNECT_TIMEOUT.set(properties, 10);
        PGProperty.LOGIN_TIMEOUT.set(properties, 15);
        PGProperty.APPLICATION_NAME.set(properties, "millrace");
        // The driver is used directly: DriverManager cannot see drivers in other bundles.
        Connection connection = new Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("The PostgreSQL driver refused the connection settings");
        }
        return connection;
    }

    /**
     * A connection whose session writes values in Millrace's canonical text forms (see {@code
     * PortableType.Kind}), for reading data and for replication streams, whose output functions run
     * under the same settings.
     */
    static Connection openForData(ConnectionSettings settings, Properties extra) throws SQLException {
        Connection connection = open(settings, extra);
        try (Statement statement = connection.createStatement()) {
            // Set after connecting: the driver sends its own TimeZone at startup, which would win.
            statement.execute("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET IntervalStyle = 'iso_8601';"
                    + " SET extra_float_digits = 3; SET bytea_output = 'hex'");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
