package io.millrace.launcher;

import ch.qos.logback.classic.LoggerContext;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Logging lives at the framework level: SLF4J and Logback are on the launcher's class path and the
 * system bundle exports {@code org.slf4j}, so every bundle logs to the same console and rolling file.
 */
final class Logging {
    private Logging() {}

    static void configure(ServerLayout layout) {
        System.setProperty("millrace.logs", layout.logs().toString());
        Path config = layout.etc().resolve("logback.xml");
        if (Files.isRegularFile(config) && System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", config.toString());
        }
        // Libraries that log through java.util.logging (Jersey, HK2) end up in the same place.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
    }

    /** Flushes and closes the appenders; called once the framework has stopped. */
    static void shutdown() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
