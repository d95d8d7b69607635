package io.millrace.connections;

import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectionUse;
import io.millrace.connector.api.ConnectorProvider;
import java.util.List;
import java.util.Locale;
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

    /**
     * Checks that the connection has every setting that this use of it needs, such as the databases
     * of a MariaDB connection used as a source.
     *
     * @throws ConnectionRejectedException naming the missing settings and how to set them
     */
    public void requireSettingsFor(ConnectionUse use) {
        List<String> missing = connector.settings().stream()
                .filter(setting -> setting.requiredFor(use)
                        && settings.get(setting.name())
                                .filter(value -> !value.isBlank())
                                .isEmpty())
                .map(setting -> "'" + setting.name() + "' (" + setting.description() + ")")
                .toList();
        if (!missing.isEmpty()) {
            throw new ConnectionRejectedException(
                    ConnectionRejectedException.Reason.INVALID,
                    "The connection " + info.name() + " is used as a "
                            + use.name().toLowerCase(Locale.ROOT)
                            + " here, which needs the setting" + (missing.size() > 1 ? "s " : " ")
                            + String.join(", ", missing) + "; set it with PUT /api/v1/connections/" + info.id()
                            + " or in the console's connection form");
        }
    }
}
