package io.millrace.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes one server that all of them share, started once per test run: booting the
 * distribution costs seconds, and the tests use disjoint names so they do not disturb each other.
 */
public final class SharedServer implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MillraceServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(MillraceServer.class, key -> MillraceServer.install(newHome("shared")));
    }

    /** A fresh folder under target/, kept after the run so that its logs can be read. */
    public static Path newHome(String name) {
        try {
            Files.createDirectories(Path.of("target/servers"));
            return Files.createTempDirectory(Path.of("target/servers"), name + "-")
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
