package io.millrace.plugin;

import java.util.Optional;

/**
 * A Declarative Services component of a bundle.
 *
 * @param name the component name
 * @param state {@code active}, {@code satisfied}, {@code unsatisfied-reference}, {@code
 *     unsatisfied-configuration}, {@code failed-activation} or {@code disabled}
 * @param failure why activation failed, or which references are missing
 */
public record ComponentInfo(String name, String state, Optional<String> failure) {}
