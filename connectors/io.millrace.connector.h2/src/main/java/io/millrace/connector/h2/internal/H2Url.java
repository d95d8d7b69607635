package io.millrace.connector.h2.internal;

import java.util.Locale;
import java.util.Set;

/**
 * The H2 database URLs a connection may use. H2 URLs can carry settings that run SQL or scripts
 * when the connection opens (INIT, RUNSCRIPT) or start servers (AUTO_SERVER); whoever may edit a
 * connection could use them to run code on the Millrace server, so only settings known to be
 * harmless are accepted.
 */
final class H2Url {
    static final String PREFIX = "jdbc:h2:";

    private static final Set<String> ALLOWED_SETTINGS = Set.of(
            "MODE",
            "DB_CLOSE_DELAY",
            "DB_CLOSE_ON_EXIT",
            "IFEXISTS",
            "ACCESS_MODE_DATA",
            "DATABASE_TO_UPPER",
            "DATABASE_TO_LOWER",
            "CASE_INSENSITIVE_IDENTIFIERS",
            "DEFAULT_NULL_ORDERING",
            "NON_KEYWORDS",
            "LOCK_TIMEOUT",
            "MAX_COMPACT_TIME",
            "WRITE_DELAY",
            "CACHE_SIZE",
            "TIME ZONE",
            "CIPHER");

    private H2Url() {}

    /**
     * Checks a URL.
     *
     * @return why the URL is refused, or null when it may be used
     */
    static String problem(String url) {
        if (url.isEmpty()) {
            return "No URL is set";
        }
        if (!url.startsWith(PREFIX)) {
            return "The URL must start with " + PREFIX + ", such as jdbc:h2:file:/var/lib/millrace/target";
        }
        String[] parts = url.substring(PREFIX.length()).split(";");
        if (parts[0].isBlank()) {
            return "The URL names no database after " + PREFIX;
        }
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].isBlank()) {
                continue;
            }
            String setting = parts[i].split("=", 2)[0].trim().toUpperCase(Locale.ROOT);
            if (!ALLOWED_SETTINGS.contains(setting)) {
                return "The URL setting " + setting + " is not allowed: settings that run SQL or scripts or start"
                        + " servers when a connection opens are refused. Allowed: "
                        + String.join(", ", ALLOWED_SETTINGS.stream().sorted().toList());
            }
        }
        return null;
    }
}
