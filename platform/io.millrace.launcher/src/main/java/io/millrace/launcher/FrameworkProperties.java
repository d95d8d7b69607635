package io.millrace.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The framework configuration: {@code etc/config.properties}, then JVM system properties of the same
 * names, then the command-line options, with {@code ${name}} references resolved against all of them.
 */
final class FrameworkProperties {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

    private FrameworkProperties() {}

    static Map<String, String> load(Path file, Map<String, String> overrides) {
        Properties fromFile = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            fromFile.load(reader);
        } catch (IOException e) {
            throw new LaunchException("Cannot read the framework configuration " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> raw = new LinkedHashMap<>();
        fromFile.stringPropertyNames().forEach(name -> raw.put(name, fromFile.getProperty(name)));
        for (String name : raw.keySet()) {
            String fromJvm = System.getProperty(name);
            if (fromJvm != null) {
                raw.put(name, fromJvm);
            }
        }
        raw.putAll(overrides);

        Map<String, String> resolved = new LinkedHashMap<>();
        for (String name : raw.keySet()) {
            resolved.put(name, resolve(name, raw, new HashSet<>()));
        }
        return resolved;
    }

    private static String resolve(String name, Map<String, String> raw, Set<String> visiting) {
        if (!visiting.add(name)) {
            throw new LaunchException("The framework property '" + name + "' refers to itself through ${...}");
        }
        String value = raw.containsKey(name) ? raw.get(name) : System.getProperty(name);
        if (value == null) {
            throw new LaunchException("The framework configuration refers to ${" + name + "}, which is not set");
        }
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String replacement = resolve(matcher.group(1), raw, visiting);
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        visiting.remove(name);
        return out.toString();
    }
}
