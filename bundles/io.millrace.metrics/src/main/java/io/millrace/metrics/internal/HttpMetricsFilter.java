package io.millrace.metrics.internal;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Counts and times every HTTP request the server answers, by method, route template and status.
 * The route is the template the REST API matched (it puts it in the request attribute {@value
 * #ROUTE_ATTRIBUTE}, such as {@code /api/v1/projects/{id}}), else the servlet's pattern, so that
 * ids in paths never become label values.
 */
@Component(
        service = Filter.class,
        property = {"osgi.http.whiteboard.filter.pattern=/*", "osgi.http.whiteboard.filter.name=millrace-metrics"})
public final class HttpMetricsFilter implements Filter {
    /** Set by io.millrace.rest's RouteTemplateFilter; a plain string, so neither bundle imports the other. */
    static final String ROUTE_ATTRIBUTE = "io.millrace.http.route";

    private final ServerMetrics metrics;

    @Activate
    public HttpMetricsFilter(@Reference ServerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse answer)) {
            chain.doFilter(request, response);
            return;
        }
        long start = System.nanoTime();
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            metrics.recordRequest(
                    method(http.getMethod()),
                    route(http),
                    failed ? 500 : answer.getStatus(),
                    System.nanoTime() - start);
        }
    }

    /** Methods outside the standard ones are one label value, so that clients cannot mint series. */
    static String method(String method) {
        return switch (method) {
            case "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE" -> method;
            default -> "other";
        };
    }

    static String route(HttpServletRequest request) {
        if (request.getAttribute(ROUTE_ATTRIBUTE) instanceof String route) {
            return route;
        }
        try {
            String pattern = request.getHttpServletMapping().getPattern();
            if (pattern != null && !pattern.isEmpty()) {
                return pattern;
            }
        } catch (RuntimeException | AbstractMethodError e) {
            // A container without servlet mappings: fall through.
        }
        return "other";
    }
}
