package io.millrace.plugin.internal;

import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.felix.scr.impl.Activator;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.service.component.runtime.ServiceComponentRuntime;

/**
 * A real Felix framework with the Felix service component runtime, sharing the OSGi and connector
 * API packages with the test class path so that the deployer under test can run outside a bundle.
 */
final class RunningFramework implements AutoCloseable {
    private static final String SHARED_PACKAGES = String.join(
            ",",
            "org.osgi.service.component;version=1.5.1",
            "org.osgi.service.component.runtime;version=1.5.1",
            "org.osgi.service.component.runtime.dto;version=1.5.1",
            "org.osgi.util.promise;version=1.3.0",
            "org.osgi.util.function;version=1.2.0",
            "org.slf4j;version=2.0.17",
            "io.millrace.connector.api;version=0.1.0");

    private final Framework framework;
    private final ServiceComponentRuntime runtime;

    RunningFramework(Path storage) throws Exception {
        framework = ServiceLoader.load(FrameworkFactory.class)
                .findFirst()
                .orElseThrow()
                .newFramework(Map.of(
                        Constants.FRAMEWORK_STORAGE,
                        storage.toString(),
                        Constants.FRAMEWORK_BSNVERSION,
                        Constants.FRAMEWORK_BSNVERSION_MANAGED,
                        Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                        SHARED_PACKAGES));
        framework.start();
        BundleContext context = framework.getBundleContext();
        if (context.getBundles().length == 1) {
            String scrJar = Activator.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toString();
            context.installBundle("system:scr.jar", new java.net.URL(scrJar).openStream())
                    .start();
        }
        runtime = context.getService(context.getServiceReference(ServiceComponentRuntime.class));
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    ServiceComponentRuntime runtime() {
        return runtime;
    }

    Bundle[] bundles() {
        return context().getBundles();
    }

    @Override
    public void close() throws Exception {
        framework.stop();
        framework.waitForStop(10_000);
    }
}
