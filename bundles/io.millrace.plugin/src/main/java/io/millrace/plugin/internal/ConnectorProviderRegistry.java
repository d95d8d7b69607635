package io.millrace.plugin.internal;

import io.millrace.connector.api.ConnectorIds;
import io.millrace.connector.api.ConnectorProvider;
import io.millrace.plugin.ConnectorInfo;
import io.millrace.plugin.ConnectorRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector providers registered by the deployed bundles, as they come and go. A connector's
 * version is the version of the bundle that provides it, so that two versions of a connector can be
 * deployed side by side and told apart.
 */
@Component(service = ConnectorRegistry.class)
public final class ConnectorProviderRegistry implements ConnectorRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorProviderRegistry.class);

    private final Map<ServiceReference<ConnectorProvider>, Registered> providers = new ConcurrentHashMap<>();

    @Reference(
            service = ConnectorProvider.class,
            cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC,
            unbind = "removeProvider")
    void addProvider(ConnectorProvider provider, ServiceReference<ConnectorProvider> reference) {
        Bundle bundle = reference.getBundle();
        String id = provider.id();
        if (bundle == null) {
            return; // unregistered while being bound
        }
        if (!ConnectorIds.isValid(id)) {
            LOG.warn(
                    "Ignoring the connector '{}' of bundle {} {}: an id is lowercase letters, digits and dashes,"
                            + " starting with a letter",
                    id,
                    bundle.getSymbolicName(),
                    bundle.getVersion());
            return;
        }
        providers.put(reference, new Registered(provider, id, bundle.getVersion(), bundle));
    }

    void removeProvider(ServiceReference<ConnectorProvider> reference) {
        providers.remove(reference);
    }

    @Override
    public List<ConnectorInfo> list() {
        return sorted().stream().map(Registered::describe).toList();
    }

    @Override
    public Optional<ConnectorProvider> find(String id, Optional<String> version) {
        Optional<Version> wanted = version.map(Version::parseVersion);
        return sorted().stream()
                .filter(registered -> registered.id().equals(id))
                .filter(registered -> wanted.isEmpty() || registered.version().equals(wanted.get()))
                .reduce((older, newer) -> newer)
                .map(Registered::provider);
    }

    private List<Registered> sorted() {
        return providers.values().stream()
                .sorted(Comparator.comparing(Registered::id).thenComparing(Registered::version))
                .toList();
    }

    private record Registered(ConnectorProvider provider, String id, Version version, Bundle bundle) {
        ConnectorInfo describe() {
            return new ConnectorInfo(
                    id,
                    provider.displayName(),
                    provider.kinds(),
                    version.toString(),
                    bundle.getSymbolicName(),
                    bundle.getBundleId(),
                    provider.settings());
        }
    }
}
