package io.millrace.connector.jdbc.internal;

import io.millrace.connector.api.ConnectionSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/** Opens connections to the database a connection's settings name, with the driver that takes its URL. */
final class JdbcConnections {
    static final String URL = "url";
    static final String USER = "user";
    static final String PASSWORD = "password";
    static final String DRIVER_CLASS = "driverClass";
    static final String SCHEMA = "schema";

    private final DriverLookup drivers;

    JdbcConnections(DriverLookup drivers) {
        this.drivers = drivers;
    }

    /**
     * @throws IllegalArgumentException when the URL is missing or refused, saying why
     * @throws SQLException when no driver takes the URL (SQLSTATE {@value DriverLookup#NO_DRIVER_STATE})
     *     or the database refuses the connection
     */
    Connection open(ConnectionSettings settings) throws SQLException {
        String url = url(settings);
        Properties properties = new Properties();
        settings.get(USER).filter(user -> !user.isEmpty()).ifPresent(user -> properties.setProperty("user", user));
        settings.get(PASSWORD)
                .filter(password -> !password.isEmpty())
                .ifPresent(password -> properties.setProperty("password", password));
        return drivers.connect(url, driverClass(settings), properties);
    }

    static String url(ConnectionSettings settings) {
        String url = settings.get(URL, "").trim();
        JdbcUrls.problem(url).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        return url;
    }

    static Optional<String> driverClass(ConnectionSettings settings) {
        return settings.get(DRIVER_CLASS).map(String::trim).filter(name -> !name.isEmpty());
    }

    DriverLookup drivers() {
        return drivers;
    }
}
