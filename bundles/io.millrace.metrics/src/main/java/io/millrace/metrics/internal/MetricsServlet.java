package io.millrace.metrics.internal;

import io.millrace.security.AccessPolicy;
import io.millrace.security.Authenticator;
import io.millrace.security.Permission;
import io.millrace.security.Principal;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@code GET /metrics}: every metric in the Prometheus text format. Open by default, since
 * Prometheus cannot sign in and the server listens on 127.0.0.1 unless told otherwise; with {@code
 * authenticated=true} a scrape needs the API key (or token) of a user who may view the system.
 */
@Component(
        service = Servlet.class,
        configurationPid = MetricsConfiguration.PID,
        property = {
            "osgi.http.whiteboard.servlet.pattern=" + MetricsServlet.PATH,
            "osgi.http.whiteboard.servlet.name=millrace-metrics"
        })
@Designate(ocd = MetricsConfiguration.class)
public final class MetricsServlet extends HttpServlet {
    static final String PATH = "/metrics";
    private static final long serialVersionUID = 1L;
    private static final String BEARER = "Bearer ";

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile Authenticator authenticator;

    @Reference(
            cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile AccessPolicy accessPolicy;

    private final transient ServerMetrics metrics;
    private volatile boolean authenticated;

    @Activate
    public MetricsServlet(@Reference ServerMetrics metrics, MetricsConfiguration configuration) {
        this.metrics = metrics;
        this.authenticated = configuration.authenticated();
    }

    @Modified
    void modified(MetricsConfiguration configuration) {
        authenticated = configuration.authenticated();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (authenticated && !authorized(request, response)) {
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(metrics.contentType());
        response.setHeader("Cache-Control", "no-store");
        try (OutputStream out = response.getOutputStream()) {
            metrics.write(out);
        }
    }

    private boolean authorized(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Authenticator signIn = authenticator;
        AccessPolicy policy = accessPolicy;
        if (signIn == null || policy == null) {
            problem(response, 503, "service-unavailable", "Service unavailable", "Sign-in is not running yet");
            return false;
        }
        String authorization = request.getHeader("Authorization");
        Optional<Principal> caller = authorization == null
                        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? Optional.empty()
                : signIn.authenticate(authorization.substring(BEARER.length()).trim());
        if (caller.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer realm=\"millrace\"");
            problem(
                    response,
                    401,
                    "unauthorized",
                    "Unauthorized",
                    "The metrics need 'Authorization: Bearer <API key>' (authenticated=true in"
                            + " etc/io.millrace.metrics.cfg)");
            return false;
        }
        if (!policy.allows(caller.get(), Permission.VIEW_SYSTEM)) {
            problem(
                    response,
                    403,
                    "forbidden",
                    "Forbidden",
                    "User '" + caller.get().name() + "' lacks the permission VIEW_SYSTEM for the metrics");
            return false;
        }
        return true;
    }

    /** The same problem+json (RFC 9457) as the REST API's errors. */
    private static void problem(HttpServletResponse response, int status, String slug, String title, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        String body = "{\"type\":\"https://millrace.io/problems/" + slug + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\""
                + detail.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"instance\":\"" + PATH + "\"}";
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
