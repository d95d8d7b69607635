package io.millrace.connector.api;

import java.util.regex.Pattern;

/** The rule every {@link ConnectorProvider#id()} follows, shared by providers and the server. */
public final class ConnectorIds {
    private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    private ConnectorIds() {}

    /** Whether {@code id} is lowercase ASCII letters, digits and dashes, 1 to 63 characters, starting with a letter. */
    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
