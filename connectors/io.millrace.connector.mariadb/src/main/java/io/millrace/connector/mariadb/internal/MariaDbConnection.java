package io.millrace.connector.mariadb.internal;

import io.millrace.connector.api.ConnectionSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.mariadb.jdbc.Driver;

/** Opens JDBC connections to the MariaDB or MySQL server that a connection's settings describe. */
final class MariaDbConnection {
    static final String HOST = "host";
    static final String PORT = "port";
    static final String USER = "user";
    static final String PASSWORD = "password";
    static final String DATABASES = "databases";
    static final String SERVER_ID = "serverId";
    static final String ZERO_DATES = "zeroDates";
    static final String SSL_MODE = "sslMode";

    /** Host names and addresses; anything else could smuggle URL parameters into the connection. */
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._:\\[\\]-]{1,253}");

    private MariaDbConnection() {}

    static String host(ConnectionSettings settings) {
        String host = settings.require(HOST).trim();
        if (!HOST_NAME.matcher(host).matches()) {
            throw new IllegalArgumentException("The host '" + host + "' is not a host name or an IP address");
        }
        return host;
    }

    static int port(ConnectionSettings settings) {
        try {
            int port = Integer.parseInt(settings.get(PORT, "3306").trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("The port must be a number from 1 to 65535");
    }

    /** The databases (MySQL's schemas) whose tables are offered, in the order the setting names them. */
    static List<String> databases(ConnectionSettings settings) {
        List<String> databases = Arrays.stream(settings.get(DATABASES)
                        .orElseThrow(() -> new IllegalArgumentException("The setting 'databases' is not set: name the"
                                + " databases whose tables are to be read, separated by commas, to use the connection"
                                + " as a source"))
                        .split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .toList();
        if (databases.isEmpty()) {
            throw new IllegalArgumentException("The setting 'databases' names no database");
        }
        return databases;
    }

    /**
     * The server id the capture registers with as a replica: the setting, or one derived from the
     * capture's name so that two tasks reading the same server never share one (the server
     * disconnects the older replica of a server id).
     */
    static long serverId(ConnectionSettings settings, String captureName) {
        String configured = settings.get(SERVER_ID, "").trim();
        if (configured.isEmpty()) {
            return 1_000_000L + Math.floorMod(captureName.hashCode(), 1_000_000);
        }
        try {
            long id = Long.parseLong(configured);
            if (id >= 1 && id <= 4_294_967_295L) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("The server id must be a number from 1 to 4294967295");
    }

    /** The driver's TLS mode: disable, trust, verify-ca or verify-full. */
    static String sslMode(ConnectionSettings settings) {
        String mode = settings.get(SSL_MODE, "disable").trim();
        if (!List.of("disable", "trust", "verify-ca", "verify-full").contains(mode)) {
            throw new IllegalArgumentException(
                    "The TLS mode must be disable, trust, verify-ca or verify-full, not '" + mode + "'");
        }
        return mode;
    }

    static ZeroDates zeroDates(ConnectionSettings settings) {
        return ZeroDates.named(settings.get(ZERO_DATES, ZeroDates.NULL.settingValue()));
    }

    /**
     * A connection whose session shows timestamps in UTC, as the canonical text forms need.
     *
     * @throws IllegalArgumentException when a setting is missing or malformed, naming it
     */
    static Connection open(ConnectionSettings settings) throws SQLException {
        return open(settings, new Properties());
    }

    /**
     * A connection as {@link #open(ConnectionSettings)} makes it, with further driver options.
     *
     * @param driverOptions options of MariaDB's JDBC driver, which the settings' own override
     */
    static Connection open(ConnectionSettings settings, Properties driverOptions) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(driverOptions);
        properties.setProperty("user", settings.require(USER));
        properties.setProperty("password", settings.get(PASSWORD, ""));
        properties.setProperty("connectTimeout", "10000");
        properties.setProperty("sslMode", sslMode(settings));
        // Only the checked host and port go into the URL; everything else goes through properties.
        String url = "jdbc:mariadb://" + host(settings) + ":" + port(settings) + "/";
        // The driver is used directly: DriverManager cannot see drivers in other bundles.
        Connection connection = new Driver().connect(url, properties);
        if (connection == null) {
            throw new SQLException("The MariaDB driver refused the connection settings");
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET time_zone = '+00:00'");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }
}
