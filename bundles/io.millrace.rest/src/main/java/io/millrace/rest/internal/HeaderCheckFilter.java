package io.millrace.rest.internal;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import org.glassfish.jersey.message.internal.MediaTypeProvider;

/**
 * Refuses requests whose Content-Type or Accept header cannot be parsed, as problem+json. Left to
 * Jersey, such a header is answered with a bare 400 without a body, which tells the caller nothing.
 * Jersey reads the Content-Type even before the filters run, so {@link ApiServlet} checks it with
 * {@link #isMediaType} before handing the request over.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 200)
final class HeaderCheckFilter implements ContainerRequestFilter {
    @Override
    public void filter(ContainerRequestContext request) {
        try {
            request.getMediaType();
        } catch (ProcessingException | IllegalArgumentException e) {
            throw malformed(HttpHeaders.CONTENT_TYPE, request.getHeaderString(HttpHeaders.CONTENT_TYPE));
        }
        try {
            request.getAcceptableMediaTypes();
        } catch (ProcessingException | IllegalArgumentException e) {
            throw malformed(HttpHeaders.ACCEPT, request.getHeaderString(HttpHeaders.ACCEPT));
        }
    }

    /** Whether Jersey can parse the value as a media type. */
    static boolean isMediaType(String value) {
        try {
            new MediaTypeProvider().fromString(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static ApiProblem malformed(String header, String value) {
        return ApiProblem.badRequest("The " + header + " header '" + value
                + "' is not a media type; JSON bodies are sent as 'Content-Type: application/json'");
    }
}
