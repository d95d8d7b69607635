package io.millrace.rest.internal;

import io.millrace.persistence.MetadataStore;
import io.millrace.plugin.BundleDeployer;
import io.millrace.plugin.ConnectorRegistry;
import io.millrace.security.AccessPolicy;
import io.millrace.security.ApiKeys;
import io.millrace.security.Authenticator;
import io.millrace.security.UserDirectory;
import java.util.Optional;

/**
 * The services the API calls, as they are right now. Each may come and go while the server runs
 * (a bundle is updated, the metadata store is reconfigured); a request that needs a missing one is
 * answered 503 instead of the whole API disappearing.
 */
final class Services {
    final String version;
    volatile Authenticator authenticator;
    volatile AccessPolicy accessPolicy;
    volatile UserDirectory userDirectory;
    volatile ApiKeys apiKeys;
    volatile BundleDeployer bundleDeployer;
    volatile ConnectorRegistry connectorRegistry;
    volatile MetadataStore metadataStore;

    Services(String version) {
        this.version = version;
    }

    Authenticator authenticator() {
        return require(authenticator, "sign-in");
    }

    AccessPolicy accessPolicy() {
        return require(accessPolicy, "access policy");
    }

    UserDirectory userDirectory() {
        return require(userDirectory, "user directory");
    }

    ApiKeys apiKeys() {
        return require(apiKeys, "API key");
    }

    BundleDeployer bundleDeployer() {
        return require(bundleDeployer, "bundle deployment");
    }

    ConnectorRegistry connectorRegistry() {
        return require(connectorRegistry, "connector registry");
    }

    Optional<MetadataStore> metadataStore() {
        return Optional.ofNullable(metadataStore);
    }

    private static <T> T require(T service, String name) {
        if (service == null) {
            throw ApiProblem.serviceUnavailable("The " + name + " service is not running; GET /api/v1/bundles"
                    + " shows which bundle is not active, and logs/millrace.log why");
        }
        return service;
    }
}
