package io.millrace.connector.jdbc.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The JDBC URLs a connection may use. Some drivers take URL parameters that run SQL or scripts when
 * a connection opens (H2's INIT), load classes named in the URL (PostgreSQL's socketFactory), or
 * read files of the server (MySQL's allowLoadLocalInfile): whoever may edit a connection could use
 * them to run code on the Millrace server, so URLs with them are refused. The list covers the
 * drivers Millrace ships and the common ones; it cannot know every driver's parameters.
 */
final class JdbcUrls {
    private static final List<String> FORBIDDEN_PARAMETERS = List.of(
            // H2
            "init",
            "auto_server",
            "trace_level_file",
            // PostgreSQL
            "socketfactory",
            "socketfactoryarg",
            "sslfactory",
            "sslfactoryarg",
            "sslhostnameverifier",
            "sslpasswordcallback",
            "authenticationpluginclassname",
            "loggerfile",
            // MySQL and MariaDB
            "autodeserialize",
            "allowloadlocalinfile",
            "allowurlinlocalinfile",
            "queryinterceptors",
            "statementinterceptors",
            "exceptioninterceptors",
            "connectionlifecycleinterceptors");

    private static final Pattern PARAMETER = Pattern.compile("[;?&]\\s*([A-Za-z_.]+)\\s*=");
    /** Credentials written into a URL, such as {@code //user:secret@host}, never shown. */
    private static final Pattern CREDENTIALS = Pattern.compile("//[^/@]*@");

    private JdbcUrls() {}

    /** Why the URL is refused, if it is. */
    static Optional<String> problem(String url) {
        if (url.isEmpty()) {
            return Optional.of("No URL is set");
        }
        if (!url.startsWith("jdbc:") || url.length() == "jdbc:".length()) {
            return Optional.of("A JDBC URL starts with jdbc: and the driver's name, such as"
                    + " jdbc:sqlserver://host:1433;databaseName=sales");
        }
        var parameters = PARAMETER.matcher(url);
        while (parameters.find()) {
            String name = parameters.group(1).toLowerCase(Locale.ROOT);
            if (FORBIDDEN_PARAMETERS.contains(name)) {
                return Optional.of("The URL parameter " + parameters.group(1) + " is not allowed: parameters that run"
                        + " SQL or scripts, load classes or read the server's files when a connection opens are"
                        + " refused");
            }
        }
        return Optional.empty();
    }

    /** The URL up to its parameters, without credentials: safe to show in messages and logs. */
    static String withoutParameters(String url) {
        int end = url.length();
        for (char separator : new char[] {'?', ';'}) {
            int at = url.indexOf(separator);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        return CREDENTIALS.matcher(url.substring(0, end)).replaceAll("//****@");
    }
}
