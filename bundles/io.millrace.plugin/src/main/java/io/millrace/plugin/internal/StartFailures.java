package io.millrace.plugin.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.framework.BundleException;

/**
 * Why bundles did not start, by bundle id, in words a user can act on. The framework only reports
 * this as the exception of the start call, so the deployer records it here.
 */
final class StartFailures {
    private static final Pattern MISSING_PACKAGE = Pattern.compile("osgi\\.wiring\\.package=([^)\\s]+)\\)(.*?)\\)\\s");
    private static final Pattern MISSING_REQUIREMENT =
            Pattern.compile("missing requirement \\[[^]]*] ([\\w.]+); (\\S+)");

    private final Map<Long, String> failures = new ConcurrentHashMap<>();

    void record(long bundleId, String failure) {
        failures.put(bundleId, failure);
    }

    void clear(long bundleId) {
        failures.remove(bundleId);
    }

    Optional<String> of(long bundleId) {
        return Optional.ofNullable(failures.get(bundleId));
    }

    /** Turns the framework's exception into a sentence naming the cause. */
    static String describe(BundleException failure) {
        String message = String.valueOf(failure.getMessage());
        if (failure.getType() == BundleException.RESOLVE_ERROR || message.startsWith("Unable to resolve")) {
            Matcher pkg = MISSING_PACKAGE.matcher(message);
            if (pkg.find()) {
                return "The bundle does not resolve: it imports the package " + pkg.group(1)
                        + ", which no installed bundle exports. Deploy a bundle that exports it, or remove the"
                        + " import. (" + message + ")";
            }
            Matcher requirement = MISSING_REQUIREMENT.matcher(message);
            if (requirement.find()) {
                return "The bundle does not resolve: nothing provides its requirement " + requirement.group(1) + " "
                        + requirement.group(2) + ". (" + message + ")";
            }
            return "The bundle does not resolve: " + message;
        }
        Throwable cause = failure.getCause();
        if (cause != null) {
            return "The bundle failed to start: " + cause.getClass().getName() + ": " + cause.getMessage() + " ("
                    + message + ")";
        }
        return "The bundle failed to start: " + message;
    }
}
