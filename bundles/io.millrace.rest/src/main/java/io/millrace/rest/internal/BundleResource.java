package io.millrace.rest.internal;

import io.millrace.plugin.BundleInfo;
import io.millrace.plugin.DeployFolderEntry;
import io.millrace.security.Permission;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import org.glassfish.jersey.media.multipart.BodyPart;
import org.glassfish.jersey.media.multipart.BodyPartEntity;
import org.glassfish.jersey.media.multipart.FormDataMultiPart;

/** Installed bundles, and deploying and removing bundles while the server runs. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.VIEW_SYSTEM)
public final class BundleResource {
    static final String JAR = "application/java-archive";

    @Inject
    Services services;

    @Context
    UriInfo uri;

    @GET
    @Path("/bundles")
    public List<BundleInfo> list() {
        return services.bundleDeployer().list();
    }

    /** Every installed version of a bundle. */
    @GET
    @Path("/bundles/{symbolicName}")
    public List<BundleInfo> find(@PathParam("symbolicName") String symbolicName) {
        List<BundleInfo> found = services.bundleDeployer().find(Requests.symbolicName(symbolicName));
        if (found.isEmpty()) {
            throw ApiProblem.notFound("No bundle named " + symbolicName + " is installed");
        }
        return found;
    }

    /** Deploys the jar sent as the body. */
    @POST
    @Path("/bundles")
    @Consumes({JAR, MediaType.APPLICATION_OCTET_STREAM, "application/zip"})
    @RequiresPermission(Permission.MANAGE_BUNDLES)
    public Response upload(InputStream jar) {
        return deployed(services.bundleDeployer().deploy(jar));
    }

    /** Deploys the jar sent as the file part of a form. */
    @POST
    @Path("/bundles")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RequiresPermission(Permission.MANAGE_BUNDLES)
    public Response uploadForm(FormDataMultiPart form) {
        Requests.require(form, "a multipart form with the jar as a file part");
        List<BodyPart> files = form.getBodyParts().stream()
                .filter(part -> part.getEntity() instanceof BodyPartEntity)
                .toList();
        if (files.size() != 1) {
            throw ApiProblem.badRequest("Send exactly one file part holding the jar; this form has " + files.size());
        }
        try (InputStream jar = ((BodyPartEntity) files.get(0).getEntity()).getInputStream()) {
            return deployed(services.bundleDeployer().deploy(jar));
        } catch (java.io.IOException e) {
            throw ApiProblem.badRequest("The upload could not be read: " + e.getMessage());
        }
    }

    @DELETE
    @Path("/bundles/{symbolicName}")
    @RequiresPermission(Permission.MANAGE_BUNDLES)
    public BundleInfo undeploy(@PathParam("symbolicName") String symbolicName, @QueryParam("version") String version) {
        return services.bundleDeployer().undeploy(Requests.symbolicName(symbolicName), Requests.version(version));
    }

    @GET
    @Path("/deploy-folder")
    public List<DeployFolderEntry> deployFolder() {
        return services.bundleDeployer().deployFolder();
    }

    private Response deployed(BundleInfo bundle) {
        return Response.created(
                        uri.getBaseUriBuilder().path("v1/bundles/{name}").build(bundle.symbolicName()))
                .entity(bundle)
                .build();
    }
}
