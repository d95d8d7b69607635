package io.millrace.plugin;

import io.millrace.connector.api.ConnectorProvider;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The connectors that the deployed bundles provide right now. */
@ProviderType
public interface ConnectorRegistry {

    /** Every connector, ordered by id and then by version, newest last. */
    List<ConnectorInfo> list();

    /** The newest version of a connector, or the given version when one is named. */
    Optional<ConnectorProvider> find(String id, Optional<String> version);
}
