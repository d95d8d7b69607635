package io.millrace.connector.jdbc.internal;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the driver for a JDBC URL among the declared ones: the one named by {@code driverClass} if
 * given, else the first that accepts the URL. Driver instances are kept while their bundle is there.
 */
final class DriverLookup {
    private static final Logger LOG = LoggerFactory.getLogger(DriverLookup.class);
    /** The SQLSTATE of a failure to find a driver: "unable to establish a connection". */
    static final String NO_DRIVER_STATE = "08001";

    private final Supplier<List<DeclaredDriver>> declared;
    private final Map<DeclaredDriver, Driver> instances = new ConcurrentHashMap<>();

    DriverLookup(Supplier<List<DeclaredDriver>> declared) {
        this.declared = declared;
    }

    /**
     * Connects with the driver that takes the URL.
     *
     * @throws SQLException with SQLSTATE {@value #NO_DRIVER_STATE} and what to deploy when no
     *     driver takes it, or the driver's own failure
     */
    Connection connect(String url, Optional<String> driverClass, Properties properties) throws SQLException {
        Driver driver = find(url, driverClass);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Some drivers load their plugins through the context class loader: give them their own.
        thread.setContextClassLoader(driver.getClass().getClassLoader());
        try {
            Connection connection = driver.connect(url, properties);
            if (connection == null) {
                throw new SQLException(driver.getClass().getName() + " does not take the URL", NO_DRIVER_STATE);
            }
            return connection;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    Driver find(String url, Optional<String> driverClass) throws SQLException {
        List<DeclaredDriver> available = declared.get();
        instances.keySet().retainAll(available);
        for (DeclaredDriver candidate : available) {
            if (driverClass.isPresent() && !candidate.className().equals(driverClass.get())) {
                continue;
            }
            Optional<Driver> driver = instance(candidate);
            if (driver.isPresent() && (driverClass.isPresent() || driver.get().acceptsURL(url))) {
                return driver.get();
            }
        }
        String found = available.isEmpty()
                ? "none is deployed"
                : "deployed: "
                        + available.stream().map(DeclaredDriver::toString).collect(Collectors.joining(", "));
        String wanted = driverClass
                .map(name -> "No deployed bundle provides the JDBC driver " + name)
                .orElse("No deployed JDBC driver accepts the URL " + JdbcUrls.withoutParameters(url));
        throw new SQLException(
                wanted + " (" + found + "). Deploy the database's JDBC driver jar into deploy/ (or upload it under"
                        + " Bundles): most drivers are OSGi bundles, a plain jar needs wrapping (bnd wrap) first. It is"
                        + " used as soon as it is installed, without a restart",
                NO_DRIVER_STATE);
    }

    /** The driver's instance; empty when its class cannot be loaded (its bundle lacks an import). */
    private Optional<Driver> instance(DeclaredDriver candidate) {
        try {
            return Optional.of(instances.computeIfAbsent(candidate, DriverLookup::instantiate));
        } catch (IllegalStateException e) {
            LOG.warn("{}", e.getMessage());
            return Optional.empty();
        }
    }

    private static Driver instantiate(DeclaredDriver candidate) {
        try {
            return (Driver) Class.forName(candidate.className(), true, candidate.loader())
                    .getDeclaredConstructor()
                    .newInstance();
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            throw new IllegalStateException("Cannot load the JDBC driver " + candidate + ": " + e, e);
        }
    }
}
