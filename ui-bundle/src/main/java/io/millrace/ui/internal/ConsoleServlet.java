package io.millrace.ui.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * Serves the web console's built files from this bundle at {@code /}. Paths of the app's own pages
 * ({@code /projects/...}) have no file and get {@code index.html}, where the app routes them; the
 * REST API's more specific {@code /api/*} pattern always wins over this one.
 */
@Component(
        service = Servlet.class,
        property = {"osgi.http.whiteboard.servlet.pattern=/*", "osgi.http.whiteboard.servlet.name=millrace-console"})
public final class ConsoleServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String ROOT = "console";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = ConsolePaths.normalize(request.getPathInfo());
        if (path.startsWith("/api/") || path.equals("/api")) {
            // Only reached while the REST API is not registered, e.g. during a bundle update.
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setContentType("application/problem+json");
            response.getOutputStream()
                    .write(("{\"type\":\"https://millrace.io/problems/service-unavailable\",\"title\":\"Service"
                                    + " unavailable\",\"status\":503,\"detail\":\"The REST API is not running;"
                                    + " logs/millrace.log says why\"}")
                            .getBytes(StandardCharsets.UTF_8));
            return;
        }
        Optional<URL> file = ConsolePaths.isFile(path) ? resource(path) : Optional.empty();
        if (file.isEmpty() && ConsolePaths.isAsset(path)) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        URL served = file.orElseGet(() -> resource("/index.html").orElse(null));
        if (served == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "The console was built without its files");
            return;
        }
        String servedPath = file.isPresent() ? path : "/index.html";
        response.setContentType(ConsolePaths.contentType(servedPath));
        response.setHeader(
                "Cache-Control",
                servedPath.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
        response.setHeader("X-Content-Type-Options", "nosniff");
        try (InputStream in = served.openStream();
                OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    private Optional<URL> resource(String path) {
        return Optional.ofNullable(ConsoleServlet.class.getClassLoader().getResource(ROOT + path));
    }
}
