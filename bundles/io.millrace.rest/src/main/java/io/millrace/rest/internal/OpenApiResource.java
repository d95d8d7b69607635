package io.millrace.rest.internal;

import io.millrace.security.Permission;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashSet;
import java.util.List;

/** The OpenAPI document of this API, generated from the resource classes when first asked for. */
@Path("/v1/openapi.json")
@RequiresPermission(Permission.VIEW_SYSTEM)
public final class OpenApiResource {
    private static volatile String document;

    @Inject
    Services services;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String openApi() throws Exception {
        String generated = document;
        if (generated == null) {
            generated = generate(services.version());
            document = generated;
        }
        return generated;
    }

    static String generate(String version) throws Exception {
        OpenAPI base = new OpenAPI()
                .info(new Info()
                        .title("Millrace API")
                        .version(version)
                        .description("Every endpoint except health and login needs"
                                + " 'Authorization: Bearer <token or API key>'. Errors are"
                                + " application/problem+json (RFC 9457).")
                        .license(new License().name("Apache-2.0")))
                .servers(List.of(new Server().url("/api")))
                .components(new Components()
                        .addSecuritySchemes(
                                "bearer",
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("A token from POST /v1/auth/login, or an API key")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
        // swagger-core finds its model converters through the context class loader.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(OpenApiResource.class.getClassLoader());
        try {
            Reader reader = new Reader(new SwaggerConfiguration().openAPI(base).prettyPrint(true));
            OpenAPI api = reader.read(new LinkedHashSet<>(ApiServlet.RESOURCES));
            return Json.pretty(api);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
