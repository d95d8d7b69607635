package io.millrace.plugin.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds small bundle jars for tests: a manifest, classes copied from the test class path, and
 * Declarative Services descriptors. Also builds the broken jars a deployer must refuse.
 */
public final class TestBundle {
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Set<String> imports = new LinkedHashSet<>();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();
    private final Set<String> components = new LinkedHashSet<>();

    private TestBundle() {}

    /** A bundle with this symbolic name, version 1.0.0. */
    public static TestBundle named(String symbolicName) {
        TestBundle bundle = new TestBundle();
        bundle.headers.put("Bundle-ManifestVersion", "2");
        bundle.headers.put("Bundle-SymbolicName", symbolicName);
        bundle.headers.put("Bundle-Version", "1.0.0");
        return bundle;
    }

    /** A jar whose manifest has no OSGi headers. */
    public static byte[] plainJar() {
        TestBundle jar = new TestBundle();
        jar.headers.put("Created-By", "a test");
        return jar.toBytes();
    }

    public TestBundle version(String version) {
        headers.put("Bundle-Version", version);
        return this;
    }

    public TestBundle header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public TestBundle importing(String... packages) {
        imports.addAll(Set.of(packages));
        return this;
    }

    /** Copies the compiled class (from the test class path) into the bundle. */
    public TestBundle withClass(Class<?> type) {
        String entry = type.getName().replace('.', '/') + ".class";
        try (InputStream content = type.getClassLoader().getResourceAsStream(entry)) {
            entries.put(entry, content.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Adds a file, such as a {@code META-INF/services} declaration. */
    public TestBundle withEntry(String entry, String content) {
        entries.put(entry, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return this;
    }

    public TestBundle activator(Class<?> type) {
        headers.put("Bundle-Activator", type.getName());
        return withClass(type).importing("org.osgi.framework");
    }

    /**
     * Adds an immediate Declarative Services component implemented by {@code type}, providing the
     * given service interfaces and configured with the given properties.
     */
    public TestBundle component(Class<?> type, Map<String, String> properties, Class<?>... services) {
        String name = type.getSimpleName() + "-" + (components.size() + 1);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.4.0\" name=\"")
                .append(name)
                .append("\" immediate=\"true\" activate=\"activate\">\n")
                .append("  <implementation class=\"")
                .append(type.getName())
                .append("\"/>\n");
        properties.forEach((key, value) -> xml.append("  <property name=\"")
                .append(key)
                .append("\" type=\"String\" value=\"")
                .append(value)
                .append("\"/>\n"));
        if (services.length > 0) {
            xml.append("  <service>\n");
            for (Class<?> service : services) {
                xml.append("    <provide interface=\"")
                        .append(service.getName())
                        .append("\"/>\n");
                imports.add(service.getPackageName());
            }
            xml.append("  </service>\n");
        }
        xml.append("</scr:component>\n");
        String descriptor = "OSGI-INF/" + name + ".xml";
        entries.put(descriptor, xml.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        components.add(descriptor);
        return withClass(type);
    }

    public byte[] toBytes() {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach(main::putValue);
        if (!imports.isEmpty()) {
            main.putValue("Import-Package", String.join(",", imports));
        }
        if (!components.isEmpty()) {
            main.putValue("Service-Component", String.join(",", components));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A copy of a bundle jar with another Bundle-Version: a stand-in for a newer or older release. */
    public static byte[] withVersion(byte[] jar, String version) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.jar.JarInputStream in =
                new java.util.jar.JarInputStream(new java.io.ByteArrayInputStream(jar))) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().putValue("Bundle-Version", version);
            try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
                for (JarEntry entry; (entry = in.getNextJarEntry()) != null; ) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes the jar the way a user's copy would end: complete, in one move. */
    public Path writeTo(Path file) {
        return write(toBytes(), file);
    }

    public static Path write(byte[] jar, Path file) {
        try {
            Path partial = file.resolveSibling("." + file.getFileName() + ".tmp");
            Files.write(partial, jar);
            return Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
