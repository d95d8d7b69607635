package io.millrace.connector.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.util.tracker.BundleTrackerCustomizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The drivers that installed bundles declare in {@code META-INF/services/java.sql.Driver}, kept up
 * to date by a bundle tracker: a driver jar deployed as a bundle is usable as soon as it resolves,
 * and forgotten when it is uninstalled, without a restart. {@link java.sql.DriverManager} cannot do
 * this in OSGi: it sees only the drivers its caller's class loader sees.
 */
final class BundleDrivers implements BundleTrackerCustomizer<List<DeclaredDriver>>, Supplier<List<DeclaredDriver>> {
    private static final Logger LOG = LoggerFactory.getLogger(BundleDrivers.class);

    private final BundleTracker<List<DeclaredDriver>> tracker;

    BundleDrivers(BundleContext context) {
        tracker = new BundleTracker<>(context, Bundle.RESOLVED | Bundle.STARTING | Bundle.ACTIVE, this);
    }

    void open() {
        tracker.open();
    }

    void close() {
        tracker.close();
    }

    @Override
    public List<DeclaredDriver> get() {
        List<DeclaredDriver> drivers = new ArrayList<>();
        tracker.getTracked().values().forEach(drivers::addAll);
        return drivers;
    }

    @Override
    public List<DeclaredDriver> addingBundle(Bundle bundle, BundleEvent event) {
        URL serviceFile = bundle.getEntry(DeclaredDriver.SERVICE_FILE);
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (serviceFile == null || wiring == null || wiring.getClassLoader() == null) {
            return null; // not a driver, or a fragment: not tracked
        }
        String origin = bundle.getSymbolicName() + " " + bundle.getVersion();
        List<DeclaredDriver> drivers = new ArrayList<>();
        try (InputStream in = serviceFile.openStream()) {
            for (String name : DeclaredDriver.classNames(in)) {
                drivers.add(new DeclaredDriver(name, origin, wiring.getClassLoader()));
            }
        } catch (IOException e) {
            LOG.warn("Cannot read the JDBC drivers that {} declares: {}", origin, e.getMessage());
            return null;
        }
        LOG.info(
                "JDBC drivers available from {}: {}",
                origin,
                drivers.stream().map(DeclaredDriver::className).toList());
        return drivers;
    }

    @Override
    public void modifiedBundle(Bundle bundle, BundleEvent event, List<DeclaredDriver> drivers) {}

    @Override
    public void removedBundle(Bundle bundle, BundleEvent event, List<DeclaredDriver> drivers) {
        LOG.info("JDBC drivers of {} {} are gone", bundle.getSymbolicName(), bundle.getVersion());
    }
}
