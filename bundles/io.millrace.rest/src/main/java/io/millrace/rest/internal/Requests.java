package io.millrace.rest.internal;

import java.util.Optional;
import java.util.regex.Pattern;
import org.osgi.framework.Version;

/** Checks of request input that every resource shares. */
final class Requests {
    /** Bundle symbolic names: no slashes, so a name can never reach outside the deploy folder. */
    private static final Pattern SYMBOLIC_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}");

    private Requests() {}

    static <T> T require(T value, String what) {
        if (value == null) {
            throw ApiProblem.badRequest("The request needs " + what);
        }
        return value;
    }

    /** An optional bundle version such as {@code 1.2.0}, checked before it reaches a service. */
    static Optional<String> version(String version) {
        if (version == null) {
            return Optional.empty();
        }
        try {
            Version.parseVersion(version);
            return Optional.of(version);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(
                    "'" + version + "' is not a version: major.minor.micro.qualifier, such as 1.2.0");
        }
    }

    static String symbolicName(String name) {
        if (name == null || !SYMBOLIC_NAME.matcher(name).matches()) {
            throw ApiProblem.badRequest(
                    "'" + name + "' is not a bundle symbolic name: letters, digits, '.', '_'" + " and '-' only");
        }
        return name;
    }
}
