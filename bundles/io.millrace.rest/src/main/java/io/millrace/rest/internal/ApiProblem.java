package io.millrace.rest.internal;

import jakarta.ws.rs.core.Response.Status;

/**
 * An error answered as {@code application/problem+json}. The slug makes the stable problem type
 * {@code https://millrace.io/problems/<slug>}; the detail tells the caller what to do.
 */
final class ApiProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String slug;
    private final String title;

    ApiProblem(int status, String slug, String title, String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    static ApiProblem badRequest(String detail) {
        return new ApiProblem(Status.BAD_REQUEST.getStatusCode(), "bad-request", "Bad request", detail);
    }

    static ApiProblem notFound(String detail) {
        return new ApiProblem(Status.NOT_FOUND.getStatusCode(), "not-found", "Not found", detail);
    }

    static ApiProblem forbidden(String detail) {
        return new ApiProblem(Status.FORBIDDEN.getStatusCode(), "forbidden", "Forbidden", detail);
    }

    static ApiProblem serviceUnavailable(String detail) {
        return new ApiProblem(
                Status.SERVICE_UNAVAILABLE.getStatusCode(), "service-unavailable", "Service unavailable", detail);
    }

    static ApiProblem tooLarge(String detail) {
        return new ApiProblem(
                Status.REQUEST_ENTITY_TOO_LARGE.getStatusCode(), "body-too-large", "Request body too large", detail);
    }

    int status() {
        return status;
    }

    String slug() {
        return slug;
    }

    String title() {
        return title;
    }
}
