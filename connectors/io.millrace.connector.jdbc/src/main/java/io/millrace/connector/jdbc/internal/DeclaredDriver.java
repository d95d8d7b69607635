package io.millrace.connector.jdbc.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link java.sql.Driver} class that a bundle (or, in tests, the class path) declares in {@code
 * META-INF/services/java.sql.Driver}, the file through which every JDBC 4 driver names itself.
 *
 * @param className the driver's class
 * @param origin where it comes from, as users know it: a bundle's symbolic name and version
 * @param loader the class loader that loads it: the bundle's own
 */
record DeclaredDriver(String className, String origin, ClassLoader loader) {
    static final String SERVICE_FILE = "META-INF/services/java.sql.Driver";

    DeclaredDriver {
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(loader, "loader");
    }

    /** The class names in a service file: one per line, {@code #} starts a comment. */
    static List<String> classNames(InputStream serviceFile) throws IOException {
        List<String> names = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(serviceFile, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                int comment = line.indexOf('#');
                String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    @Override
    public String toString() {
        return className + " (" + origin + ")";
    }
}
