package io.millrace.rest.internal;

import io.millrace.persistence.MetadataStore;
import io.millrace.plugin.BundleDeployer;
import io.millrace.plugin.ConnectorRegistry;
import io.millrace.security.AccessPolicy;
import io.millrace.security.ApiKeys;
import io.millrace.security.Authenticator;
import io.millrace.security.UserDirectory;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import java.util.List;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The REST API: Jersey, serving {@code /api/*} on the HTTP whiteboard. It references every service
 * it calls optionally and dynamically, so the API keeps answering (503 for what is missing, and
 * health says DOWN) while a bundle is being updated.
 */
@Component(
        service = Servlet.class,
        property = {"osgi.http.whiteboard.servlet.pattern=/api/*", "osgi.http.whiteboard.servlet.name=millrace-api"})
public final class ApiServlet extends ServletContainer {
    private static final long serialVersionUID = 1L;

    /** Every resource class: served, and read for the OpenAPI document. */
    static final List<Class<?>> RESOURCES = List.of(
            HealthResource.class,
            AuthResource.class,
            UserResource.class,
            ApiKeyResource.class,
            BundleResource.class,
            ConnectorResource.class,
            OpenApiResource.class);

    private final transient Services services;

    @Activate
    public ApiServlet(BundleContext context) {
        this(new Services(context.getBundle().getVersion().toString()));
    }

    private ApiServlet(Services services) {
        super(application(services));
        this.services = services;
    }

    /**
     * Jersey and the JAX-RS API find their implementations through the context class loader; the
     * HTTP service's thread has none that sees them, so initialize with Jersey's own.
     */
    @Override
    public void init(ServletConfig config) throws ServletException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(ResourceConfig.class.getClassLoader());
        try {
            super.init(config);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    static ResourceConfig application(Services services) {
        ResourceConfig config = new ResourceConfig()
                .setApplicationName("millrace-api")
                .register(JacksonFeature.withoutExceptionMappers())
                .register(JsonMapper.class)
                .register(MultiPartFeature.class)
                .register(new AuthenticationFilter(services))
                .register(BodyLimitFilter.class)
                .register(ProblemMapper.class)
                .register(new AbstractBinder() {
                    @Override
                    protected void configure() {
                        bind(services).to(Services.class);
                    }
                })
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        RESOURCES.forEach(config::register);
        return config;
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAuthenticator(Authenticator service) {
        services.authenticator = service;
    }

    void unbindAuthenticator(Authenticator service) {
        if (services.authenticator == service) {
            services.authenticator = null;
        }
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAccessPolicy(AccessPolicy service) {
        services.accessPolicy = service;
    }

    void unbindAccessPolicy(AccessPolicy service) {
        if (services.accessPolicy == service) {
            services.accessPolicy = null;
        }
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindUserDirectory(UserDirectory service) {
        services.userDirectory = service;
    }

    void unbindUserDirectory(UserDirectory service) {
        if (services.userDirectory == service) {
            services.userDirectory = null;
        }
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindApiKeys(ApiKeys service) {
        services.apiKeys = service;
    }

    void unbindApiKeys(ApiKeys service) {
        if (services.apiKeys == service) {
            services.apiKeys = null;
        }
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindBundleDeployer(BundleDeployer service) {
        services.bundleDeployer = service;
    }

    void unbindBundleDeployer(BundleDeployer service) {
        if (services.bundleDeployer == service) {
            services.bundleDeployer = null;
        }
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindConnectorRegistry(ConnectorRegistry service) {
        services.connectorRegistry = service;
    }

    void unbindConnectorRegistry(ConnectorRegistry service) {
        if (services.connectorRegistry == service) {
            services.connectorRegistry = null;
        }
    }

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindMetadataStore(MetadataStore service) {
        services.metadataStore = service;
    }

    void unbindMetadataStore(MetadataStore service) {
        if (services.metadataStore == service) {
            services.metadataStore = null;
        }
    }
}
