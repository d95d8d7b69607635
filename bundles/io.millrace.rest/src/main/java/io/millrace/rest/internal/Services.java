package io.millrace.rest.internal;

import io.millrace.connections.Connections;
import io.millrace.engine.TaskEngine;
import io.millrace.persistence.MetadataStore;
import io.millrace.plugin.BundleDeployer;
import io.millrace.plugin.ConnectorRegistry;
import io.millrace.project.Projects;
import io.millrace.security.AccessPolicy;
import io.millrace.security.ApiKeys;
import io.millrace.security.Authenticator;
import io.millrace.security.UserDirectory;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The services the API calls, as they are right now. Each may come and go while the server runs
 * (a bundle is updated, the metadata store is reconfigured); a request that needs a missing one is
 * answered 503 instead of the whole API disappearing.
 */
final class Services {
    private final ApiServlet references;
    private final String version;
    private final ScheduledExecutorService streams = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "millrace-api-streams");
        thread.setDaemon(true);
        return thread;
    });

    Services(ApiServlet references, String version) {
        this.references = references;
        this.version = version;
    }

    String version() {
        return version;
    }

    /** Runs the ticks of event streams, such as a project's live status. */
    ScheduledExecutorService streams() {
        return streams;
    }

    /** Ends every event stream: the API is going away. */
    void stop() {
        streams.shutdownNow();
    }

    /** Whether requests can be signed in and authorized at all. */
    boolean signInAvailable() {
        return references.authenticator != null && references.accessPolicy != null;
    }

    Authenticator authenticator() {
        return require(references.authenticator, "sign-in");
    }

    AccessPolicy accessPolicy() {
        return require(references.accessPolicy, "access policy");
    }

    UserDirectory userDirectory() {
        return require(references.userDirectory, "user directory");
    }

    ApiKeys apiKeys() {
        return require(references.apiKeys, "API key");
    }

    BundleDeployer bundleDeployer() {
        return require(references.bundleDeployer, "bundle deployment");
    }

    ConnectorRegistry connectorRegistry() {
        return require(references.connectorRegistry, "connector registry");
    }

    Connections connections() {
        return require(references.connections, "connections");
    }

    Projects projects() {
        return require(references.projects, "projects");
    }

    TaskEngine taskEngine() {
        return require(references.taskEngine, "task engine");
    }

    Optional<MetadataStore> metadataStore() {
        return Optional.ofNullable(references.metadataStore);
    }

    private static <T> T require(T service, String name) {
        if (service == null) {
            throw ApiProblem.serviceUnavailable("The " + name + " service is not running; GET /api/v1/bundles"
                    + " shows which bundle is not active, and logs/millrace.log why");
        }
        return service;
    }
}
