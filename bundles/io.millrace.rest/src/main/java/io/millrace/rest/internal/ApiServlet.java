package io.millrace.rest.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.IOException;
import java.util.List;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.media.multipart.MultiPartFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.glassfish.jersey.servlet.spi.AsyncContextDelegateProvider;
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
        property = {
            "osgi.http.whiteboard.servlet.pattern=/api/*",
            "osgi.http.whiteboard.servlet.name=millrace-api",
            // Event streams (GET /v1/projects/{id}/events) hold their response open without a thread.
            "osgi.http.whiteboard.servlet.asyncSupported=true"
        })
public final class ApiServlet implements Servlet {
    /** Every resource class: served, and read for the OpenAPI document. */
    static final List<Class<?>> RESOURCES = List.of(
            HealthResource.class,
            AuthResource.class,
            UserResource.class,
            ApiKeyResource.class,
            BundleResource.class,
            ConnectorResource.class,
            ConnectionResource.class,
            ProjectResource.class,
            ProjectEventResource.class,
            ProjectDataResource.class,
            OpenApiResource.class);

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Authenticator authenticator;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile AccessPolicy accessPolicy;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile UserDirectory userDirectory;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ApiKeys apiKeys;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile BundleDeployer bundleDeployer;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ConnectorRegistry connectorRegistry;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Connections connections;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile Projects projects;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TaskEngine taskEngine;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile MetadataStore metadataStore;

    private static final ObjectMapper PROBLEM_WRITER = new ObjectMapper();

    private final ServletContainer jersey;
    private final Services services;

    @Activate
    public ApiServlet(BundleContext context) {
        services = new Services(this, context.getBundle().getVersion().toString());
        jersey = new ServletContainer(application(services));
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
            jersey.init(config);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        if (request instanceof HttpServletRequest http && response instanceof HttpServletResponse answer) {
            String contentType = http.getHeader(HttpHeaders.CONTENT_TYPE);
            if (contentType != null && !HeaderCheckFilter.isMediaType(contentType)) {
                ApiProblem problem = HeaderCheckFilter.malformed(HttpHeaders.CONTENT_TYPE, contentType);
                answer.setStatus(problem.status());
                answer.setContentType(ProblemDetails.MEDIA_TYPE);
                PROBLEM_WRITER.writeValue(
                        answer.getOutputStream(),
                        new ProblemDetails(
                                ProblemDetails.TYPE_PREFIX + problem.slug(),
                                problem.title(),
                                problem.status(),
                                problem.getMessage(),
                                http.getRequestURI(),
                                null));
                return;
            }
        }
        jersey.service(request, response);
    }

    @Override
    public ServletConfig getServletConfig() {
        return jersey.getServletConfig();
    }

    @Override
    public String getServletInfo() {
        return "Millrace REST API";
    }

    @Override
    public void destroy() {
        services.stop();
        jersey.destroy();
    }

    static ResourceConfig application(Services services) {
        ResourceConfig config = new ResourceConfig()
                .setApplicationName("millrace-api")
                .register(JacksonFeature.withoutExceptionMappers())
                .register(JsonMapper.class)
                .register(MultiPartFeature.class)
                .register(RouteTemplateFilter.class)
                .register(new AuthenticationFilter(services))
                .register(HeaderCheckFilter.class)
                .register(BodyLimitFilter.class)
                .register(ProblemMapper.class)
                .register(new AbstractBinder() {
                    @Override
                    protected void configure() {
                        bind(services).to(Services.class);
                        bind(new ServletAsyncDelegates()).to(AsyncContextDelegateProvider.class);
                    }
                })
                .property(ServerProperties.WADL_FEATURE_DISABLE, true)
                .property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        RESOURCES.forEach(config::register);
        return config;
    }
}
