package io.millrace.rest.internal;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of an error response, RFC 9457.
 *
 * @param incident set for unexpected server errors: the id under which the server logged the cause
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ProblemDetails(String type, String title, int status, String detail, String instance, String incident) {
    static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_PREFIX = "https://millrace.io/problems/";
}
