package io.millrace.connector.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The drivers that a class loader's jars declare in {@code META-INF/services/java.sql.Driver}: the
 * drivers outside OSGi, for tests and tools that use the connector on a plain class path.
 */
final class ClassPathDrivers implements Supplier<List<DeclaredDriver>> {
    private final ClassLoader loader;

    ClassPathDrivers(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public List<DeclaredDriver> get() {
        List<DeclaredDriver> drivers = new ArrayList<>();
        try {
            Enumeration<URL> files = loader.getResources(DeclaredDriver.SERVICE_FILE);
            while (files.hasMoreElements()) {
                URL file = files.nextElement();
                try (InputStream in = file.openStream()) {
                    for (String name : DeclaredDriver.classNames(in)) {
                        drivers.add(new DeclaredDriver(name, "class path " + file, loader));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the JDBC drivers on the class path", e);
        }
        return drivers;
    }
}
