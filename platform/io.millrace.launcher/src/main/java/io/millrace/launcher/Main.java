package io.millrace.launcher;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command line of {@code bin/millrace}: starts the server in the foreground until it is stopped. */
@Command(
        name = "millrace",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Runs the Millrace server in the foreground. Stop it with Ctrl-C or 'bin/millrace stop'.")
public final class Main implements Callable<Integer> {

    @Option(
            names = "--home",
            description = "Installation folder (holds etc/, system/, deploy/). Default: the folder above bin/.",
            defaultValue = "${sys:millrace.home}")
    Path home;

    @Option(
            names = {"-p", "--port"},
            description = "HTTP port. Default: etc/config.properties (8080).",
            defaultValue = "${env:MILLRACE_PORT}")
    Integer port;

    @Option(
            names = "--host",
            description = "Address to listen on. Default: etc/config.properties (127.0.0.1).",
            defaultValue = "${env:MILLRACE_HOST}")
    String host;

    @Option(
            names = "--data-dir",
            description = "Folder for metadata, keys and the bundle cache. Default: <home>/data.",
            defaultValue = "${env:MILLRACE_DATA}")
    Path dataDir;

    public static void main(String[] args) {
        int exitCode = new CommandLine(new Main())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    if (e instanceof LaunchException) {
                        cmd.getErr().println("millrace: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                })
                .execute(args);
        System.exit(exitCode);
    }

    @Override
    public Integer call() throws Exception {
        if (home == null) {
            throw new LaunchException("The installation folder is unknown: pass --home or -Dmillrace.home");
        }
        ServerLayout layout = ServerLayout.of(home, dataDir);
        layout.requireDistribution();
        layout.createWritableFolders();
        Logging.configure(layout);

        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("millrace.home", layout.home().toString());
        overrides.put("millrace.data", layout.data().toString());
        overrides.put("millrace.logs", layout.logs().toString());
        overrides.put("millrace.deploy", layout.deploy().toString());
        overrides.put("millrace.version", Version.current());
        if (port != null) {
            overrides.put(Server.PORT_PROPERTY, Integer.toString(port));
        }
        if (host != null) {
            overrides.put(Server.HOST_PROPERTY, host);
        }
        Map<String, String> properties = FrameworkProperties.load(layout.etc().resolve("config.properties"), overrides);

        try (PidFile pid = PidFile.acquire(layout.pidFile())) {
            return new Server(layout, properties).runUntilStopped();
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        static String current() {
            String version = Main.class.getPackage().getImplementationVersion();
            return version == null ? "development" : version;
        }

        @Override
        public String[] getVersion() {
            return new String[] {"Millrace " + current()};
        }
    }
}
