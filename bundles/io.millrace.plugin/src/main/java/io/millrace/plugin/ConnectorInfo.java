package io.millrace.plugin;

import io.millrace.connector.api.ConnectorKind;
import io.millrace.connector.api.SettingDefinition;
import java.util.List;
import java.util.Set;

/**
 * A deployed connector.
 *
 * @param id the connector's id
 * @param displayName its human name
 * @param kinds what it can be used for
 * @param version the version of the bundle that provides it
 * @param bundleSymbolicName that bundle
 * @param bundleId that bundle's id
 * @param settings the settings its connections take
 */
public record ConnectorInfo(
        String id,
        String displayName,
        Set<ConnectorKind> kinds,
        String version,
        String bundleSymbolicName,
        long bundleId,
        List<SettingDefinition> settings) {
    public ConnectorInfo {
        kinds = Set.copyOf(kinds);
        settings = List.copyOf(settings);
    }
}
