package io.millrace.rest.internal;

import io.millrace.connector.api.ConnectionSettings;
import io.millrace.connector.api.ConnectorProvider;
import io.millrace.connector.api.SettingDefinition;
import io.millrace.plugin.ConnectorInfo;
import io.millrace.security.Permission;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The connector types the deployed bundles provide. */
@Path("/v1/connectors")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.VIEW_SYSTEM)
public final class ConnectorResource {
    @Inject
    Services services;

    @GET
    public List<ConnectorInfo> list() {
        return services.connectorRegistry().list();
    }

    /** Tries connection settings (a JSON object of setting name to value) without storing them. */
    @POST
    @Path("/{id}/test")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequiresPermission(Permission.MANAGE_CONNECTIONS)
    public ConnectionTestResult test(
            @PathParam("id") String id, @QueryParam("version") String version, Map<String, String> settings) {
        ConnectorProvider connector = services.connectorRegistry()
                .find(id, Requests.version(version))
                .orElseThrow(() -> ApiProblem.notFound("No connector '" + id + "'"
                        + (version == null ? "" : " in version " + version) + " is deployed; GET /api/v1/connectors"
                        + " lists them"));
        Map<String, SettingDefinition> known = connector.settings().stream()
                .collect(Collectors.toMap(SettingDefinition::name, definition -> definition));
        Map<String, String> values = new HashMap<>();
        Map<String, String> secrets = new HashMap<>();
        for (Map.Entry<String, String> setting :
                Requests.require(settings, "a JSON object of settings").entrySet()) {
            SettingDefinition definition = known.get(setting.getKey());
            if (definition == null) {
                throw ApiProblem.badRequest(
                        "The connector '" + id + "' has no setting '" + setting.getKey() + "'; its settings are "
                                + known.keySet().stream().sorted().toList());
            }
            if (setting.getValue() == null) {
                throw ApiProblem.badRequest("The setting '" + setting.getKey() + "' is null; leave it out instead");
            }
            (definition.secret() ? secrets : values).put(setting.getKey(), setting.getValue());
        }
        return ConnectionTestResult.of(connector.testConnection(new ConnectionSettings(values, secrets)), connector);
    }
}
