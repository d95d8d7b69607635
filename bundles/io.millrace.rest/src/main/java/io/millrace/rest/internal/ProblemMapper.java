package io.millrace.rest.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.millrace.connections.ConnectionRejectedException;
import io.millrace.connector.api.CatalogException;
import io.millrace.connector.api.ConnectorException;
import io.millrace.persistence.StoreException;
import io.millrace.plugin.BundleRejectedException;
import io.millrace.project.ProjectRejectedException;
import io.millrace.security.AccessDeniedException;
import io.millrace.security.AuthenticationException;
import io.millrace.security.ConflictException;
import io.millrace.security.InvalidCredentialsException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure of a request, ours or the framework's, into a problem+json response. */
final class ProblemMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable failure) {
        ApiProblem problem = problemFor(failure);
        Response.ResponseBuilder response = Response.status(problem.status()).type(ProblemDetails.MEDIA_TYPE);
        String incident = null;
        if (problem.status() == 500) {
            incident = UUID.randomUUID().toString();
            LOG.error("Request {} failed, incident {}", path(), incident, failure);
        }
        if (problem.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"millrace\"");
        }
        return response.entity(new ProblemDetails(
                        ProblemDetails.TYPE_PREFIX + problem.slug(),
                        problem.title(),
                        problem.status(),
                        problem.getMessage(),
                        path(),
                        incident))
                .build();
    }

    private ApiProblem problemFor(Throwable failure) {
        Throwable json = jsonCause(failure);
        if (json != null) {
            return new ApiProblem(400, "invalid-json", "Invalid JSON", describe((JsonProcessingException) json));
        }
        if (failure instanceof ApiProblem problem) {
            return problem;
        }
        if (failure instanceof AuthenticationException e) {
            return new ApiProblem(401, "unauthorized", "Unauthorized", e.getMessage());
        }
        if (failure instanceof AccessDeniedException e) {
            return ApiProblem.forbidden(e.getMessage());
        }
        if (failure instanceof InvalidCredentialsException e) {
            return new ApiProblem(400, "invalid-credentials", "Invalid credentials", e.getMessage());
        }
        if (failure instanceof ConflictException e) {
            return new ApiProblem(409, "conflict", "Conflict", e.getMessage());
        }
        if (failure instanceof io.millrace.security.NotFoundException e) {
            return ApiProblem.notFound(e.getMessage());
        }
        if (failure instanceof BundleRejectedException e) {
            return switch (e.reason()) {
                case NOT_A_BUNDLE -> new ApiProblem(400, "not-a-bundle", "Not an OSGi bundle", e.getMessage());
                case UNRESOLVED -> new ApiProblem(422, "bundle-unresolved", "Bundle does not resolve", e.getMessage());
                case START_FAILED ->
                    new ApiProblem(422, "bundle-start-failed", "Bundle failed to start", e.getMessage());
                case NOT_FOUND -> ApiProblem.notFound(e.getMessage());
                case CONFLICT -> new ApiProblem(409, "bundle-conflict", "Bundle conflict", e.getMessage());
                case TOO_LARGE -> ApiProblem.tooLarge(e.getMessage());
            };
        }
        if (failure instanceof ConnectionRejectedException e) {
            return switch (e.reason()) {
                case INVALID -> new ApiProblem(400, "invalid-connection", "Invalid connection", e.getMessage());
                case NOT_FOUND -> ApiProblem.notFound(e.getMessage());
                case CONFLICT -> new ApiProblem(409, "conflict", "Conflict", e.getMessage());
                case CONNECTOR_MISSING ->
                    new ApiProblem(422, "connector-missing", "Connector not deployed", e.getMessage());
            };
        }
        if (failure instanceof ProjectRejectedException e) {
            return switch (e.reason()) {
                case INVALID -> new ApiProblem(422, "invalid-project", "Invalid project or task", e.getMessage());
                case NOT_FOUND -> ApiProblem.notFound(e.getMessage());
                case CONFLICT -> new ApiProblem(409, "conflict", "Conflict", e.getMessage());
            };
        }
        if (failure instanceof ConnectorException e) {
            return new ApiProblem(502, "connector-failed", "Source or target failed", e.getMessage());
        }
        if (failure instanceof CatalogException e) {
            return new ApiProblem(502, "catalog-unavailable", "Catalog unavailable", e.getMessage());
        }
        if (failure instanceof StoreException e) {
            return ApiProblem.serviceUnavailable("The metadata store failed: " + e.getMessage());
        }
        if (failure instanceof WebApplicationException e) {
            return fromFramework(e);
        }
        return new ApiProblem(
                500,
                "internal-error",
                "Internal server error",
                "The server failed unexpectedly; logs/millrace.log has the cause under the incident id");
    }

    /** Jersey's own errors: no matching path, method or media type. */
    private ApiProblem fromFramework(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return switch (status) {
            case 404 -> ApiProblem.notFound("There is no endpoint " + path() + "; GET /api/v1/openapi.json lists them");
            case 405 ->
                new ApiProblem(
                        405,
                        "method-not-allowed",
                        "Method not allowed",
                        "The endpoint " + path() + " does not accept this method; allowed: "
                                + e.getResponse().getAllowedMethods().stream()
                                        .sorted()
                                        .collect(Collectors.joining(", ")));
            case 415 ->
                new ApiProblem(
                        415,
                        "unsupported-media-type",
                        "Unsupported media type",
                        "The endpoint " + path()
                                + " does not accept this Content-Type; JSON bodies are application/json");
            case 406 ->
                new ApiProblem(406, "not-acceptable", "Not acceptable", "The endpoint answers application/json only");
            default ->
                new ApiProblem(
                        status,
                        status >= 500 ? "internal-error" : "bad-request",
                        e.getResponse().getStatusInfo().getReasonPhrase(),
                        e.getMessage());
        };
    }

    private static Throwable jsonCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException) {
                return cause;
            }
        }
        return null;
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "Unknown field '" + unknown.getPropertyName() + "'" + at(unknown) + "; the known fields are "
                    + unknown.getKnownPropertyIds().stream()
                            .map(String::valueOf)
                            .sorted()
                            .toList();
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return "The field '" + fieldPath(mapping) + "' has a value of the wrong type" + at(e) + ": "
                    + e.getOriginalMessage().split("\n", 2)[0];
        }
        return "The body is not valid JSON" + at(e) + ": "
                + e.getOriginalMessage().split("\n", 2)[0];
    }

    private static String fieldPath(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null
                        ? reference.getFieldName()
                        : String.valueOf(reference.getIndex()))
                .collect(Collectors.joining("."));
    }

    private static String at(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private String path() {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}
