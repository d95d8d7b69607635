package io.millrace.connections;

import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorProvider;
import java.util.Objects;

/**
 * A saved connection ready to be used by the server: its deployed connector and its settings with
 * the secrets opened. Never shown to users or logged beyond {@link ConnectionSettings#toString()}.
 */
public record ResolvedConnection(ConnectionInfo info, ConnectorProvider connector, ConnectionSettings settings) {
    public ResolvedConnection {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(settings, "settings");
    }
}
