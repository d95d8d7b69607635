package io.millrace.logging.internal;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies entries of the OSGi log service to SLF4J, so that what Declarative Services and Config
 * Admin report (a component that failed to activate, a bad configuration) reaches the console and
 * the log file. The framework's own event entries ({@code Events.*}) are left out: the launcher and
 * the plugin bundle log those with more context.
 */
@Component(
        service = {},
        immediate = true)
public final class OsgiLogForwarder implements LogListener {
    private final LogReaderService reader;

    @Activate
    public OsgiLogForwarder(@Reference LogReaderService reader) {
        this.reader = reader;
        reader.addLogListener(this);
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(this);
    }

    @Override
    public void logged(LogEntry entry) {
        String name = entry.getLoggerName();
        if (name != null && name.startsWith("Events.")) {
            return;
        }
        Logger logger = LoggerFactory.getLogger(name == null || name.equals("LogService") ? source(entry) : name);
        String message = entry.getBundle() == null
                ? entry.getMessage()
                : "[" + entry.getBundle().getSymbolicName() + "] " + entry.getMessage();
        Throwable failure = entry.getException();
        switch (entry.getLogLevel()) {
            case AUDIT, ERROR -> logger.error(message, failure);
            case WARN -> logger.warn(message, failure);
            case INFO -> logger.info(message, failure);
            case DEBUG -> logger.debug(message, failure);
            default -> logger.trace(message, failure);
        }
    }

    private static String source(LogEntry entry) {
        return entry.getBundle() == null ? "osgi" : entry.getBundle().getSymbolicName();
    }
}
