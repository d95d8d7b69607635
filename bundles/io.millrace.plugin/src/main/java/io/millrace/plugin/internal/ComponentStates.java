package io.millrace.plugin.internal;

import io.millrace.plugin.ComponentInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/** The Declarative Services components of a bundle, read from the service component runtime. */
final class ComponentStates {
    private final ServiceComponentRuntime runtime;

    ComponentStates(ServiceComponentRuntime runtime) {
        this.runtime = runtime;
    }

    List<ComponentInfo> of(Bundle bundle) {
        List<ComponentInfo> components = new ArrayList<>();
        for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs(bundle)) {
            if (!runtime.isComponentEnabled(description)) {
                components.add(new ComponentInfo(description.name, "disabled", Optional.empty()));
                continue;
            }
            for (ComponentConfigurationDTO configuration : runtime.getComponentConfigurationDTOs(description)) {
                components.add(new ComponentInfo(description.name, state(configuration), failure(configuration)));
            }
        }
        return components;
    }

    /** The first component that failed to activate, described. */
    Optional<String> failure(Bundle bundle) {
        return of(bundle).stream()
                .filter(component -> component.state().equals("failed-activation"))
                .findFirst()
                .map(component -> "The component " + component.name() + " failed to activate: "
                        + component.failure().orElse("see the log"));
    }

    /**
     * Waits until every immediate component of the bundle has either activated, failed, or is waiting
     * for something, so that a failure of activation can be reported to whoever started the bundle.
     */
    void awaitSettled(Bundle bundle, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !settled(bundle)) {
            Thread.sleep(20);
        }
    }

    private boolean settled(Bundle bundle) {
        for (ComponentDescriptionDTO description : runtime.getComponentDescriptionDTOs(bundle)) {
            if (!description.immediate) {
                continue;
            }
            if (!runtime.isComponentEnabled(description)) {
                // Enabled by default means the runtime has not got to it yet.
                if (description.defaultEnabled) {
                    return false;
                }
                continue;
            }
            for (ComponentConfigurationDTO configuration : runtime.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.SATISFIED
                        || state(configuration).startsWith("unknown")) {
                    return false;
                }
            }
        }
        return true;
    }

    private static String state(ComponentConfigurationDTO configuration) {
        return switch (configuration.state) {
            case ComponentConfigurationDTO.ACTIVE -> "active";
            case ComponentConfigurationDTO.SATISFIED -> "satisfied";
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "unsatisfied-reference";
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "unsatisfied-configuration";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "failed-activation";
            default -> "unknown (" + configuration.state + ")";
        };
    }

    private static Optional<String> failure(ComponentConfigurationDTO configuration) {
        if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
            return Optional.ofNullable(configuration.failure).map(ComponentStates::firstLine);
        }
        if (configuration.state == ComponentConfigurationDTO.UNSATISFIED_REFERENCE) {
            return Optional.of("Waiting for "
                    + Arrays.stream(configuration.unsatisfiedReferences)
                            .map(ComponentStates::describe)
                            .collect(Collectors.joining(", ")));
        }
        return Optional.empty();
    }

    private static String describe(UnsatisfiedReferenceDTO reference) {
        return reference.name + (reference.target == null ? "" : " " + reference.target);
    }

    /** The failure string holds a whole stack trace; its first line says what happened. */
    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return (end < 0 ? text : text.substring(0, end)).trim();
    }
}
