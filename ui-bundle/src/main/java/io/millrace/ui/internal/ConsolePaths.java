package io.millrace.ui.internal;

import java.util.Locale;
import java.util.Map;

/** Which request paths are files of the console, and what they are. */
final class ConsolePaths {
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json",
            "woff2", "font/woff2",
            "map", "application/json");

    private ConsolePaths() {}

    /** The path with a leading slash; {@code /} when empty. */
    static String normalize(String pathInfo) {
        if (pathInfo == null || pathInfo.isEmpty()) {
            return "/";
        }
        return pathInfo.startsWith("/") ? pathInfo : "/" + pathInfo;
    }

    /** Whether the path names a file: it has an extension, and no segment climbs out of the root. */
    static boolean isFile(String path) {
        if (path.contains("..") || path.contains("\\") || path.contains("//")) {
            return false;
        }
        int slash = path.lastIndexOf('/');
        return path.indexOf('.', slash) > slash + 1;
    }

    /** Built assets must exist; a missing one is a 404, not the app's page. */
    static boolean isAsset(String path) {
        return path.startsWith("/assets/");
    }

    static String contentType(String path) {
        String extension = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }
}
