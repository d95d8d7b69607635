package io.millrace.rest.internal;

import io.millrace.persistence.MetadataStore;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** Whether the server can serve requests: for load balancers, scripts and the launcher. */
@Path("/v1/health")
@Public
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
    @Inject
    Services services;

    /**
     * @param status {@code UP} when the metadata store answers and sign-in works, else {@code DOWN}
     * @param metadataStore the store's database and schema version, when it is running
     */
    public record Health(String status, String version, Optional<StoreHealth> metadataStore) {}

    public record StoreHealth(String database, String schemaVersion, boolean available) {}

    @GET
    public Response health() {
        Optional<StoreHealth> store = services.metadataStore().map(HealthResource::describe);
        boolean up = store.map(StoreHealth::available).orElse(false) && services.signInAvailable();
        return Response.status(up ? 200 : 503)
                .entity(new Health(up ? "UP" : "DOWN", services.version(), store))
                .build();
    }

    private static StoreHealth describe(MetadataStore store) {
        return new StoreHealth(store.describe().database(), store.describe().schemaVersion(), store.isAvailable());
    }
}
