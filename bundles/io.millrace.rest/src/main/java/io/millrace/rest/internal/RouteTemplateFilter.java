package io.millrace.rest.internal;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import java.util.List;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Tells the HTTP metrics (io.millrace.metrics) which endpoint a request matched, as its template
 * such as {@code /api/v1/projects/{id}}, in the request attribute {@value #ROUTE_ATTRIBUTE}. Runs
 * before authentication, so that refused requests are counted under their endpoint too.
 */
@Priority(Priorities.AUTHENTICATION - 50)
final class RouteTemplateFilter implements ContainerRequestFilter {
    /** The attribute io.millrace.metrics reads; a plain string, so neither bundle imports the other. */
    static final String ROUTE_ATTRIBUTE = "io.millrace.http.route";

    @Context
    ExtendedUriInfo uri;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(ROUTE_ATTRIBUTE, "/api" + template(uri.getMatchedTemplates()));
    }

    /** Jersey lists the matched templates from the method's back to the resource class's. */
    static String template(List<UriTemplate> matched) {
        StringBuilder route = new StringBuilder();
        for (int i = matched.size() - 1; i >= 0; i--) {
            String part = matched.get(i).getTemplate();
            if (part.isEmpty() || part.equals("/")) {
                continue;
            }
            if (!part.startsWith("/") && (route.length() == 0 || route.charAt(route.length() - 1) != '/')) {
                route.append('/');
            }
            route.append(part);
        }
        return route.toString();
    }
}
