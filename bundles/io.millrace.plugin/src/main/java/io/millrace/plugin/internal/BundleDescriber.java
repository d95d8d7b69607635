package io.millrace.plugin.internal;

import io.millrace.plugin.BundleInfo;
import io.millrace.plugin.BundleOrigin;
import io.millrace.plugin.BundleState;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.BundleRevision;

/** Describes installed bundles for users: state, origin, file, components, and what is wrong. */
final class BundleDescriber {
    static final String DEPLOY_LOCATION = "deploy:";
    static final String CORE_LOCATION = "system:";

    private final ComponentStates components;
    private final StartFailures startFailures;

    BundleDescriber(ComponentStates components, StartFailures startFailures) {
        this.components = components;
        this.startFailures = startFailures;
    }

    BundleInfo describe(Bundle bundle) {
        BundleState state = state(bundle.getState());
        return new BundleInfo(
                bundle.getBundleId(),
                String.valueOf(bundle.getSymbolicName()),
                bundle.getVersion().toString(),
                Optional.ofNullable(bundle.getHeaders("").get(Constants.BUNDLE_NAME))
                        .orElse(String.valueOf(bundle.getSymbolicName())),
                state,
                origin(bundle),
                deployedFile(bundle),
                error(bundle, state),
                components.of(bundle));
    }

    static BundleOrigin origin(Bundle bundle) {
        if (bundle.getBundleId() == 0) {
            return BundleOrigin.FRAMEWORK;
        }
        String location = bundle.getLocation();
        if (location.startsWith(CORE_LOCATION)) {
            return BundleOrigin.CORE;
        }
        return location.startsWith(DEPLOY_LOCATION) ? BundleOrigin.DEPLOYED : BundleOrigin.OTHER;
    }

    static Optional<String> deployedFile(Bundle bundle) {
        String location = bundle.getLocation();
        return location.startsWith(DEPLOY_LOCATION)
                ? Optional.of(location.substring(DEPLOY_LOCATION.length()))
                : Optional.empty();
    }

    static boolean isFragment(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && (revision.getTypes() & BundleRevision.TYPE_FRAGMENT) != 0;
    }

    private Optional<String> error(Bundle bundle, BundleState state) {
        if (state == BundleState.ACTIVE) {
            return components.failure(bundle);
        }
        if (isFragment(bundle)) {
            return Optional.empty();
        }
        Optional<String> recorded = startFailures.of(bundle.getBundleId());
        if (recorded.isPresent()) {
            return recorded;
        }
        return state == BundleState.INSTALLED
                ? Optional.of("The bundle is not resolved; the server log names the missing requirement")
                : Optional.of("The bundle is not started");
    }

    private static BundleState state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> BundleState.INSTALLED;
            case Bundle.RESOLVED -> BundleState.RESOLVED;
            case Bundle.STARTING -> BundleState.STARTING;
            case Bundle.ACTIVE -> BundleState.ACTIVE;
            case Bundle.STOPPING -> BundleState.STOPPING;
            default -> BundleState.UNINSTALLED;
        };
    }
}
